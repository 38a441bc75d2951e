import { expect, test } from '@playwright/test';
import { queryE2eDb } from '../db';

test('the overview shows the counts from the database and a chart of items per month', async ({ page }) => {
  const [counts] = queryE2eDb<{ feeds: number; items: number }>(
    'select (select count(*) from feeds) as feeds, (select count(*) from items) as items',
  );
  expect(counts.items).toBeGreaterThanOrEqual(200);

  const response = await page.goto('/');
  expect(response?.status()).toBe(200);
  await expect(page.getByRole('heading', { name: 'Overview' })).toBeVisible();
  await expect(page.getByTestId('count-feeds')).toHaveText(counts.feeds.toLocaleString('en-US'));
  await expect(page.getByTestId('count-items')).toHaveText(counts.items.toLocaleString('en-US'));

  const chart = page.getByTestId('items-per-month-chart');
  await expect(chart.getByRole('application')).toBeVisible();
  const months = queryE2eDb<{ m: string }>("select distinct strftime('%Y-%m', published_at / 1000, 'unixepoch') as m from items");
  await expect(chart.locator('.recharts-bar-rectangle')).toHaveCount(months.length);
});

test('the overview is rendered per request, not at build time', async ({ request }) => {
  const first = await request.get('/');
  expect(first.headers()['cache-control'] ?? '').not.toContain('s-maxage');
  expect(await first.text()).toContain('data-testid="count-items"');
});

test('the overview ranks the most exposed companies, charts the top five and maps pressure by country', async ({ page }) => {
  const top = queryE2eDb<{ id: string; score: number }>(
    `select company_id as id, score from company_exposure_daily where day = (select max(day) from company_exposure_daily) order by score desc limit 1`,
  )[0];
  await page.goto('/');
  const table = page.getByTestId('most-exposed');
  await expect(table.locator('tbody tr')).toHaveCount(10);
  const first = table.locator('tbody tr').first();
  await expect(first.getByRole('link')).toHaveAttribute('href', `/companies/${top.id}`);
  await expect(first.locator('td.num').first()).toHaveText(top.score.toFixed(1));

  const lines = page.getByTestId('exposure-lines');
  await expect(lines.locator('.recharts-line')).toHaveCount(5);
  await expect(page.getByTestId('stacked-by-type').locator('.recharts-bar-rectangle').first()).toBeVisible();
  await expect(page.getByTestId('severe-events').locator('tbody tr').first()).toBeVisible();

  const map = page.getByTestId('pressure-map');
  await expect(map.locator('a[href="/countries/CN"] title')).toContainText('China');
  await expect(map.getByTestId('world-map-legend')).toBeVisible();
});

test('the overview switches to the watchlist and says so when it is empty', async ({ page }) => {
  await page.goto('/?view=watchlist');
  const watchlist = queryE2eDb<{ id: string }>('select company_id as id from watchlist_entries');
  if (watchlist.length === 0) await expect(page.getByRole('status')).toContainText('Your watchlist is empty');
  else await expect(page.getByTestId('most-exposed').locator('tbody tr')).toHaveCount(watchlist.length);
  await expect(page.getByRole('link', { name: /show all companies|show my watchlist/ })).toBeVisible();
});
