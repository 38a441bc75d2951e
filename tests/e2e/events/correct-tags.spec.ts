import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { queryE2eDb } from '../db';

const ROOT = path.resolve(__dirname, '../../..');

/** `npm run cli -- retag` against the e2e server's database, as an operator would after a tagger change. */
function retag(): void {
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'jobs/cli.ts', 'retag'], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_PATH: process.env.E2E_DATABASE_PATH!, LOG_LEVEL: 'silent' },
    encoding: 'utf8',
    timeout: 120_000,
  });
  expect(run.status, run.stderr).toBe(0);
  expect(run.stdout).toMatch(/^retag: \d+ items tagged/);
}

async function correct(card: Locator, action: () => Promise<void>, message: RegExp) {
  await action();
  await expect(card.getByRole('status')).toHaveText(message);
}

async function tagsOf(page: Page, id: number): Promise<string[]> {
  return page.locator(`[data-event-id="${id}"] .tag[data-value]`).evaluateAll((els) => els.map((e) => `${e.getAttribute('data-kind')}:${e.getAttribute('data-value')}`));
}

test('a tag correction made in the explorer survives retag', async ({ page }) => {
  test.setTimeout(120_000);
  // A story reported once, naming a company and a country, so the retag keeps it as its own event.
  const [event] = queryE2eDb<{ id: number; day: string; company: string; country: string }>(`
    SELECT r.id, strftime('%Y-%m-%d', r.published_at / 1000, 'unixepoch') AS day,
      (SELECT value FROM effective_item_tags WHERE item_id = r.id AND kind = 'company' LIMIT 1) AS company,
      (SELECT value FROM effective_item_tags WHERE item_id = r.id AND kind = 'country' LIMIT 1) AS country
    FROM items r
    WHERE r.relevant = 1 AND r.cluster_id = r.id AND NOT EXISTS (SELECT 1 FROM items m WHERE m.cluster_id = r.id AND m.id <> r.id)
      AND company IS NOT NULL AND country IS NOT NULL AND company <> 'kioxia'
    ORDER BY r.published_at DESC LIMIT 1`);
  expect(event).toBeDefined();
  const url = `/events?from=${event.day}&to=${event.day}`;
  await page.goto(url);
  const card = page.locator(`[data-event-id="${event.id}"]`);
  await card.getByText('Correct tags').click();

  // Remove a country the tagger found, add a company it did not.
  const removeForm = card.locator('form', { has: page.locator(`input[name="kind"][value="country"] ~ input[name="value"][value="${event.country}"]`) });
  await correct(card, () => removeForm.getByRole('button', { name: /^Remove country / }).click(), /^Removed /);
  const removed = (await tagsOf(page, event.id)).filter((t) => t === `country:${event.country}`);
  expect(removed).toEqual([]);
  await card.getByLabel('Add company').fill('kioxia');
  await correct(card, () => card.getByLabel('Add company').press('Enter'), /^Added Kioxia/);
  expect(await tagsOf(page, event.id)).toContain('company:kioxia');
  // An unknown company is refused and changes nothing.
  await card.getByLabel('Add company').fill('acme-chips');
  await correct(card, () => card.getByLabel('Add company').press('Enter'), /unknown company "acme-chips"/);

  const before = queryE2eDb<{ taggedAt: number }>(`SELECT tagged_at AS taggedAt FROM items WHERE id = ${event.id}`)[0].taggedAt;
  retag();
  const after = queryE2eDb<{ taggedAt: number }>(`SELECT tagged_at AS taggedAt FROM items WHERE id = ${event.id}`)[0].taggedAt;
  expect(after).toBeGreaterThan(before);
  // The tagger wrote its own country tag again; the analyst's removal still hides it.
  expect(queryE2eDb(`SELECT 1 FROM item_tags WHERE item_id = ${event.id} AND kind = 'country' AND value = '${event.country}' AND source = 'auto'`)).toHaveLength(1);

  await page.goto(url);
  const tags = await tagsOf(page, event.id);
  expect(tags).toContain('company:kioxia');
  expect(tags).not.toContain(`country:${event.country}`);
  expect(tags).toContain(`company:${event.company}`);

  // Put the event back as it was, for the specs that run after this one.
  await card.getByText('Correct tags').click();
  await correct(card, () => card.getByRole('button', { name: 'Remove company Kioxia' }).click(), /^Removed Kioxia/);
  await card.getByLabel('Add country').fill(event.country);
  await correct(card, () => card.getByLabel('Add country').press('Enter'), /^Added /);
  await page.goto(url);
  expect(await tagsOf(page, event.id)).toContain(`country:${event.country}`);
  expect(await tagsOf(page, event.id)).not.toContain('company:kioxia');
});
