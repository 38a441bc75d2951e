import { expect, test } from '@playwright/test';
import { ANONYMOUS, storageStateFor } from '../accounts';
import { queryE2eDb } from '../db';

test.use({ storageState: storageStateFor('viewer') });

test('a read-only API token is created and revoked at /settings, stored hashed, and can only read the API', async ({ page, playwright, baseURL }) => {
  await page.goto('/settings');
  await page.getByLabel('Token name').fill('procurement sheet');
  await page.getByRole('button', { name: 'Create token' }).click();
  const token = (await page.getByTestId('new-token').textContent())!.trim();
  expect(token).toMatch(/^cw_[A-Za-z0-9_-]{40,}$/);
  await expect(page.getByTestId('tokens-table')).toContainText('procurement sheet');

  // Only a digest is stored.
  const stored = queryE2eDb<{ token_hash: string; prefix: string }>(`select token_hash, prefix from api_tokens where name = 'procurement sheet'`);
  expect(stored).toHaveLength(1);
  expect(stored[0].token_hash).not.toContain(token.slice(3, 20));
  expect(token.startsWith(stored[0].prefix)).toBe(true);

  const api = await playwright.request.newContext({ baseURL, storageState: ANONYMOUS, extraHTTPHeaders: { authorization: `Bearer ${token}` } });
  expect((await api.get('/api/events?limit=1')).status()).toBe(200);
  expect((await api.get('/api/feeds.opml')).status()).toBe(200);
  // Read-only: no writes, and no pages (tokens are for integrations, not for browsing).
  expect((await api.post('/api/auth/logout')).status()).toBe(403);
  expect((await api.get('/', { maxRedirects: 0 })).status()).toBe(307);

  await page.goto('/settings');
  await page.getByRole('button', { name: 'Revoke procurement sheet' }).click();
  await expect(page.getByTestId('tokens-table')).toHaveCount(0);
  expect((await api.get('/api/events?limit=1')).status()).toBe(401);
  await api.dispose();
});
