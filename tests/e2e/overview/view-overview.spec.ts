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
