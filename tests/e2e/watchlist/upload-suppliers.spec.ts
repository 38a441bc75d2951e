import { expect, test } from '@playwright/test';
import { queryE2eDb } from '../db';

test('a CSV upload creates a watchlist, and an unmatched supplier can be mapped', async ({ page }) => {
  await page.goto('/watchlist');
  await expect(page.getByText('Nothing on the watchlist yet')).toBeVisible();

  const csv = 'Supplier name;Country\n"Micron Technology, Inc.";US\nTaiwan Semiconductor Manufacturing Co Ltd;TW\nNorthwind Substrates;JP\n';
  const upload = page.getByRole('form', { name: 'Upload a supplier list' });
  await upload.getByLabel(/Supplier list/).setInputFiles({ name: 'suppliers.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await upload.getByRole('button', { name: 'Upload' }).click();
  await expect(upload.getByRole('status')).toContainText('Matched 2 of 3 suppliers');

  const table = page.getByTestId('watchlist');
  await expect(table.locator('tbody tr')).toHaveCount(2);
  await expect(table.locator('tr[data-company="micron"]')).toContainText('Micron Technology, Inc.');
  await expect(table.locator('tr[data-company="tsmc"]')).toBeVisible();
  expect(queryE2eDb<{ id: string }>('select company_id as id from watchlist_entries order by 1').map((r) => r.id)).toEqual(['micron', 'tsmc']);

  const unmatched = page.getByTestId('unmatched-table');
  await expect(unmatched).toContainText('Northwind Substrates');
  await expect(unmatched).toContainText('Country: JP');
  const map = page.getByRole('form', { name: 'Map Northwind Substrates' });
  await map.getByLabel('Is this company').fill('shin-etsu');
  await map.getByRole('button', { name: 'Map' }).click();
  await expect(table.locator('tbody tr')).toHaveCount(3);
  await expect(page.getByTestId('unmatched-table')).toHaveCount(0);

  // Junk is refused with a message and changes nothing.
  await upload.getByLabel(/Supplier list/).setInputFiles({ name: 'photo.csv', mimeType: 'text/csv', buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]) });
  await upload.getByRole('button', { name: 'Upload' }).click();
  await expect(upload.getByRole('alert')).toContainText('not a text file');
  await expect(table.locator('tbody tr')).toHaveCount(3);
});
