import { expect, test, type Page } from '@playwright/test';
import { queryE2eDb } from '../db';

/**
 * The number of relevant events (story clusters) whose reports carry all the given tags, computed
 * straight from items and the effective-tags view: an oracle independent of the explorer's query.
 */
function eventCount(tags: { kind: string; value: string }[]): number {
  const conditions = tags
    .map((t) => `EXISTS (SELECT 1 FROM items m JOIN effective_item_tags e ON e.item_id = m.id WHERE m.cluster_id = r.id AND e.kind = '${t.kind}' AND e.value = '${t.value}')`)
    .join(' AND ');
  return queryE2eDb<{ n: number }>(`SELECT count(*) AS n FROM items r WHERE r.relevant = 1 AND r.cluster_id = r.id AND ${conditions}`)[0].n;
}

async function expectEveryEventTagged(page: Page, tags: { kind: string; value: string }[]) {
  const cards = page.getByTestId('event');
  for (const card of await cards.all()) {
    for (const t of tags) await expect(card.locator(`.tag[data-kind="${t.kind}"][data-value="${t.value}"]`)).toHaveCount(1);
  }
}

test('filtering the explorer by company and then by country narrows the results and the URL', async ({ page }) => {
  const micron = { kind: 'company', value: 'micron' };
  const china = { kind: 'country', value: 'CN' };
  const [all] = queryE2eDb<{ n: number }>('SELECT count(*) AS n FROM items WHERE relevant = 1 AND cluster_id = id');
  const micronCount = eventCount([micron]);
  const bothCount = eventCount([micron, china]);
  expect(micronCount).toBeLessThan(all.n);
  expect(bothCount).toBeGreaterThan(0);
  expect(bothCount).toBeLessThan(micronCount);

  await page.goto('/events');
  await expect(page.getByRole('heading', { name: 'Events', level: 1 })).toBeVisible();
  await expect(page.getByTestId('event')).toHaveCount(50);
  await expect(page.getByTestId('next-page')).toBeVisible();

  // Pick the company with the keyboard-reachable multi-select, then apply.
  await page.getByTestId('filter-company').selectOption(['micron']);
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await expect(page).toHaveURL(/\/events\?company=micron$/);
  await expect(page.getByTestId('results-count')).toHaveText(`${micronCount} events`);
  await expect(page.getByTestId('event')).toHaveCount(micronCount);
  await expectEveryEventTagged(page, [micron]);

  // The form is filled from the URL: adding a country keeps the company.
  await expect(page.getByTestId('filter-company')).toHaveValues(['micron']);
  await page.getByTestId('filter-country').selectOption(['CN']);
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await expect(page).toHaveURL(/\/events\?company=micron&country=CN$/);
  await expect(page.getByTestId('results-count')).toHaveText(`${bothCount} events`);
  await expect(page.getByTestId('event')).toHaveCount(bothCount);
  await expectEveryEventTagged(page, [micron, china]);

  // The URL alone reproduces the view: it is the only filter state.
  await page.goto('/events?company=micron&country=CN');
  await expect(page.getByTestId('event')).toHaveCount(bothCount);
});

test('the next page keeps the filters and shows no event twice', async ({ page }) => {
  await page.goto('/events?country=CN&limit=10');
  const first = await page.getByTestId('event').evaluateAll((els) => els.map((e) => e.getAttribute('data-event-id')));
  await page.getByTestId('next-page').click();
  await expect(page).toHaveURL(/country=CN&limit=10&cursor=/);
  const second = await page.getByTestId('event').evaluateAll((els) => els.map((e) => e.getAttribute('data-event-id')));
  expect(second).toHaveLength(10);
  expect(second.filter((id) => first.includes(id))).toEqual([]);
});

test('an invalid filter says what is wrong, and an empty result says what to do next', async ({ page }) => {
  await page.goto('/events?from=2023-02-30');
  await expect(page.getByTestId('filter-error')).toContainText('from: is not a calendar date');
  await page.goto('/events?company=micron&type=tariff&from=2019-01-01&to=2019-01-02');
  await expect(page.getByTestId('events-empty')).toContainText('No events match these filters');
  await expect(page.getByTestId('events-empty').getByRole('link', { name: 'clear all filters' })).toHaveAttribute('href', '/events');
});
