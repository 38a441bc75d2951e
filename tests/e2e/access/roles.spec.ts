import fs from 'node:fs';
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import type { Role } from '../../../db/schema';
import { ANONYMOUS, E2E_ACCOUNTS, storageStateFor } from '../accounts';
import { queryE2eDb } from '../db';

/*
 * Roles are enforced by the server actions, not by hiding buttons: each test renders a form as the
 * admin, then swaps the browser's session for a lesser role's and submits it, which is exactly what
 * a viewer replaying the admin's request would send.
 */
async function becomeRole(context: BrowserContext, role: Role): Promise<void> {
  const state = JSON.parse(fs.readFileSync(storageStateFor(role), 'utf8')) as { cookies: Parameters<BrowserContext['addCookies']>[0] };
  await context.clearCookies();
  await context.addCookies(state.cookies);
}

const actionPost = (page: Page) => page.waitForResponse((r) => r.request().method() === 'POST' && r.request().headers()['next-action'] !== undefined);
const count = (sql: string) => queryE2eDb<{ n: number }>(sql)[0].n;

for (const role of ['viewer', 'analyst'] as const) {
  test(`a ${role} cannot add a feed, even by replaying the admin's form`, async ({ page, context }) => {
    const url = `http://192.0.2.60/forged-by-${role}.xml`;
    await page.goto('/feeds');
    const form = page.getByRole('form', { name: 'Add a feed' });
    await form.getByLabel('Feed URL').fill(url);
    await becomeRole(context, role);
    const response = actionPost(page);
    await form.getByRole('button', { name: 'Add feed' }).click();
    await response;
    expect(count(`select count(*) as n from feeds where url = '${url}'`)).toBe(0);
    expect(count(`select count(*) as n from audit_log where target = '${url}'`)).toBe(0);
    // Their own view of the page offers no feed management at all.
    await page.goto('/feeds');
    await expect(page.getByRole('form', { name: 'Add a feed' })).toHaveCount(0);
    await expect(page.getByRole('button', { name: /^Pause / })).toHaveCount(0);
  });
}

test('a viewer cannot correct tags', async ({ page, context }) => {
  const [event] = queryE2eDb<{ id: number; day: string }>(
    `SELECT id, strftime('%Y-%m-%d', published_at / 1000, 'unixepoch') AS day FROM items WHERE relevant = 1 AND cluster_id = id ORDER BY published_at DESC LIMIT 1`,
  );
  await page.goto(`/events?from=${event.day}&to=${event.day}`);
  const card = page.locator(`[data-event-id="${event.id}"]`);
  await card.getByText('Correct tags').click();
  await card.getByLabel('Add company').fill('kioxia');
  await becomeRole(context, 'viewer');
  const response = actionPost(page);
  await card.getByLabel('Add company').press('Enter');
  await response;
  expect(count(`select count(*) as n from item_tags where item_id = ${event.id} and source = 'manual'`)).toBe(0);
  expect(count(`select count(*) as n from audit_log where target = 'event ${event.id}'`)).toBe(0);
});

test('a viewer cannot open the users page or the audit log', async ({ browser }) => {
  const context = await browser.newContext({ storageState: storageStateFor('viewer') });
  const page = await context.newPage();
  for (const path of ['/users', '/audit']) {
    await page.goto(path);
    await expect(page.getByRole('heading', { name: 'Admins only' })).toBeVisible();
    await expect(page.getByText(E2E_ACCOUNTS.admin.email)).toHaveCount(0);
  }
  await context.close();
});

test("an admin's feed changes appear in the audit log with their name", async ({ page }) => {
  const url = 'http://192.0.2.61/audited.xml';
  await page.goto('/feeds');
  const form = page.getByRole('form', { name: 'Add a feed' });
  await form.getByLabel('Feed URL').fill(url);
  await form.getByRole('button', { name: 'Add feed' }).click();
  await expect(form.getByRole('status')).toContainText('Added');
  const row = page.locator('tr', { hasText: url });
  await row.getByText('Remove…').click();
  await row.getByRole('button', { name: `Remove ${url} and its items` }).click();
  await expect(page.locator('tr', { hasText: url })).toHaveCount(0);

  await page.goto('/audit');
  const entries = page.getByTestId('audit-table').locator('tr', { hasText: url });
  await expect(entries).toHaveCount(2);
  await expect(entries.first()).toContainText('feed.remove');
  await expect(entries.first()).toContainText(E2E_ACCOUNTS.admin.email);
  await expect(entries.last()).toContainText('feed.add');
});

test('an admin adds a user on the users page and hands over a one-time password that works', async ({ page, playwright, baseURL }) => {
  await page.goto('/users');
  const form = page.getByRole('form', { name: 'Add a user' });
  await form.getByLabel('E-mail').fill('new-analyst@e2e.test');
  await form.getByLabel('Role').selectOption('analyst');
  await form.getByRole('button', { name: 'Add user' }).click();
  const password = (await page.getByTestId('new-password').textContent())!.trim();
  expect(password.length).toBeGreaterThanOrEqual(20);
  const request = await playwright.request.newContext({ baseURL, storageState: ANONYMOUS });
  expect((await request.post('/api/auth/login', { data: { email: 'new-analyst@e2e.test', password } })).status()).toBe(200);
  await request.dispose();
  // The same address again is refused with a reason, and nothing changes.
  await form.getByLabel('E-mail').fill('New-Analyst@e2e.test');
  await form.getByRole('button', { name: 'Add user' }).click();
  await expect(form.getByRole('alert')).toContainText('there is already an account for new-analyst@e2e.test');
  expect(count(`select count(*) as n from users where email = 'new-analyst@e2e.test'`)).toBe(1);
});
