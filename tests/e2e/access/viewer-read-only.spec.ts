import { expect, test } from '@playwright/test';
import { storageStateFor } from '../accounts';

/*
 * A viewer is shown no form they could only submit to be refused: a one-line note says the role
 * is read-only instead. (The actions refuse them regardless: tests/e2e/access/roles.spec.ts.)
 */
test.use({ storageState: storageStateFor('viewer') });

test('a viewer sees no subscription form on /digests, only the read-only note', async ({ page }) => {
  await page.goto('/digests');
  await expect(page.getByRole('heading', { name: 'Email digests' })).toBeVisible();
  await expect(page.getByTestId('read-only-note')).toHaveText('Your role (viewer) is read-only: analysts and admins subscribe to digests and alerts here.');
  await expect(page.getByRole('form', { name: 'New subscription' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Subscribe' })).toHaveCount(0);
  await expect(page.locator('main form')).toHaveCount(0);
});

test('a viewer sees events without the tag-correction form', async ({ page }) => {
  await page.goto('/events');
  await expect(page.getByTestId('event').first()).toBeVisible();
  await expect(page.getByTestId('read-only-note')).toContainText('Your role (viewer) is read-only: analysts and admins correct tags');
  await expect(page.getByTestId('tag-editor')).toHaveCount(0);
  await expect(page.getByText('Correct tags', { exact: true })).toHaveCount(0);
});

test('a viewer sees the watchlist without its forms', async ({ page }) => {
  await page.goto('/watchlist');
  await expect(page.getByRole('heading', { name: 'On the watchlist' })).toBeVisible();
  await expect(page.getByTestId('read-only-note')).toContainText('Your role (viewer) is read-only: analysts and admins keep the watchlist');
  await expect(page.getByRole('form', { name: 'Add a company to the watchlist' })).toHaveCount(0);
  await expect(page.getByRole('form', { name: 'Upload a supplier list' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: /^Remove / })).toHaveCount(0);
});
