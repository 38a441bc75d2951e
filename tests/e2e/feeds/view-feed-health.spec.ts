import { expect, test } from '@playwright/test';
import { queryE2eDb } from '../db';

test('the feeds page shows each feed with its status, last error and next check', async ({ page }) => {
  const feeds = queryE2eDb<{ id: number; kind: string; title: string | null }>('select id, kind, title from feeds order by id');
  await page.goto('/feeds');
  const rows = page.getByTestId('feeds-table').locator('tbody tr');
  await expect(rows).toHaveCount(feeds.length);

  const broken = page.locator('tr', { hasText: 'Unreachable test feed' });
  await expect(broken.locator('td.status')).toHaveText('Error');
  await expect(broken.locator('td.error-text')).toHaveText('connection refused');
  // Next check is a real time in the future, shown in the viewer's locale.
  const nextCheck = await broken.locator('td').nth(5).locator('time').getAttribute('datetime');
  expect(Date.parse(nextCheck!)).toBeGreaterThan(Date.now());

  const sampleRows = page.locator('tr', { hasText: 'bundled sample' });
  await expect(sampleRows).toHaveCount(feeds.filter((f) => f.kind === 'sample').length);
  for (const row of await sampleRows.all()) await expect(row.locator('td.status')).toHaveText('OK');
});
