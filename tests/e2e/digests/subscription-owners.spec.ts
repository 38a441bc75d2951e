import { expect, test } from '@playwright/test';
import { runCli } from '../../helpers/run-cli';
import { E2E_ACCOUNTS, storageStateFor } from '../accounts';
import { queryE2eDb } from '../db';

const CLI_MADE = 'cli-made@owners.test';
const ANALYSTS = 'analyst-own@owners.test';

test('an analyst sees and previews only their own subscriptions; the admin sees every one with its owner', async ({ page, browser }) => {
  test.setTimeout(90_000);
  const made = await runCli(['digest', 'subscribe', '--email', CLI_MADE], { DATABASE_PATH: process.env.E2E_DATABASE_PATH! });
  expect(made.status, made.stderr).toBe(0);
  const cliMadeId = queryE2eDb<{ id: number }>(`select id from digest_subscriptions where email = '${CLI_MADE}'`)[0].id;

  const context = await browser.newContext({ storageState: storageStateFor('analyst') });
  const analyst = await context.newPage();
  await analyst.goto('/digests');
  const form = analyst.getByRole('form', { name: 'New subscription' });
  await form.getByLabel('Email').fill(ANALYSTS);
  await form.getByRole('button', { name: 'Subscribe' }).click();
  await expect(form.getByRole('status')).toContainText(`Subscribed ${ANALYSTS}.`);
  await expect(analyst.locator(`tr[data-email="${ANALYSTS}"]`)).toBeVisible();
  await expect(analyst.locator(`tr[data-email="${CLI_MADE}"]`)).toHaveCount(0);
  await expect(analyst.getByTestId('owner')).toHaveCount(0);

  // The address of a subscription they do not own is refused, with the reason, and stays as it was.
  await form.getByLabel('Email').fill(CLI_MADE);
  await form.getByLabel('Hour (0–23)').fill('5');
  await form.getByRole('button', { name: 'Subscribe' }).click();
  await expect(form.getByRole('alert')).toContainText('Nothing saved');
  await expect(form).toContainText(`${CLI_MADE} already has a subscription that belongs to someone else; only an admin can change it`);
  expect(queryE2eDb<{ hour: number; owner: number | null }>(`select hour, owner_user_id as owner from digest_subscriptions where email = '${CLI_MADE}'`)).toEqual([{ hour: 8, owner: null }]);

  const refused = await analyst.goto(`/digests/${cliMadeId}/preview`);
  expect(refused?.status()).toBe(404);
  await expect(analyst.getByRole('heading', { name: `Next digest for ${CLI_MADE}` })).toHaveCount(0);
  await context.close();

  await page.goto('/digests');
  await expect(page.locator(`tr[data-email="${ANALYSTS}"]`).getByTestId('owner')).toHaveText(`owner: ${E2E_ACCOUNTS.analyst.email}`);
  await expect(page.locator(`tr[data-email="${CLI_MADE}"]`).getByTestId('owner')).toHaveText('no owner');
  await page.goto('/audit');
  const entries = page.getByTestId('audit-table').locator('tr', { hasText: ANALYSTS });
  await expect(entries).toHaveCount(1);
  await expect(entries).toContainText('subscription.create');
  await expect(entries).toContainText(E2E_ACCOUNTS.analyst.email);
  await expect(page.getByTestId('audit-table').locator('tr', { hasText: CLI_MADE })).toContainText('cli');
});
