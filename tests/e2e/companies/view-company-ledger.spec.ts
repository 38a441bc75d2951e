import { expect, test, type Page } from '@playwright/test';
import { queryE2eDb } from '../db';

/** The displayed contributions of the ledger (shown rows plus the "N more rows" line) and the displayed score. */
async function displayedLedger(page: Page) {
  const ledger = page.getByTestId('ledger');
  const cells = await ledger.getByTestId('contribution').allTextContents();
  const rest = ledger.getByTestId('rest-contribution');
  const restValue = (await rest.count()) ? Number(await rest.textContent()) : 0;
  const restRows = (await rest.count()) ? Number(await ledger.getByTestId('ledger-rest').getAttribute('data-rows')) : 0;
  return {
    values: cells.map(Number),
    rest: restValue,
    rows: cells.length + restRows,
    score: Number(await ledger.getByTestId('ledger-score').textContent()),
  };
}

test('the company page for micron shows the ledger, whose contributions add up to the score', async ({ page, request }) => {
  const [{ day }] = queryE2eDb<{ day: string }>("select max(day) as day from company_exposure_daily where company_id = 'micron'");
  const response = await page.goto('/companies/micron');
  expect(response?.status()).toBe(200);
  await expect(page.getByRole('heading', { level: 1, name: 'Micron Technology' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Why this score' })).toBeVisible();

  const shown = await displayedLedger(page);
  expect(shown.values.length).toBeGreaterThan(0);
  // Each shown value is rounded to 0.01, so the sum may drift by half a cent per value.
  const tolerance = 0.005 * (shown.values.length + 2);
  expect(Math.abs(shown.values.reduce((a, b) => a + b, 0) + shown.rest - shown.score)).toBeLessThanOrEqual(tolerance);
  await expect(page.getByTestId('score-now')).toHaveText(shown.score.toFixed(1));

  // The page and the API tell the same story for the same day.
  const api = await (await request.get(`/api/exposure?company=micron&to=${day}&from=${day}`)).json();
  // The API lists the biggest rows and, past them, one remainder row; ledgerRows counts every row.
  expect(shown.rows).toBe(api.ledgerRows);
  expect(shown.score).toBeCloseTo(api.score, 2);
  expect(shown.values[0]).toBeCloseTo(api.ledger[0].contribution, 2);
});

test('on the day after the US answered the ban, the ban tops the ledger and the chart marks it', async ({ page }) => {
  await page.goto('/companies/micron?from=2023-01-01&to=2023-05-28');
  const ledger = page.getByTestId('ledger-table');
  const first = ledger.locator('tbody tr').first();
  await expect(first).toContainText('import-ban');
  await expect(first).toContainText('named in title');
  const shown = await displayedLedger(page);
  expect(Math.abs(shown.values.reduce((a, b) => a + b, 0) + shown.rest - shown.score)).toBeLessThanOrEqual(0.005 * (shown.values.length + 2));
  expect(shown.score).toBeGreaterThan(40);

  const chart = page.getByTestId('exposure-chart');
  await expect(chart.locator('.recharts-line-curve').first()).toBeVisible();
  await expect(chart.locator('.recharts-reference-dot').first()).toBeVisible();
  await expect(page.getByTestId('chart-markers')).toContainText('import-ban');
});

test('an unknown company is a 404, and the list links to the company page', async ({ page }) => {
  expect((await page.goto('/companies/no-such-company'))?.status()).toBe(404);
  await page.goto('/companies?q=micron');
  await page.getByRole('link', { name: 'Micron Technology' }).click();
  await expect(page).toHaveURL(/\/companies\/micron$/);
  await expect(page.getByTestId('ledger-table')).toBeVisible();
});
