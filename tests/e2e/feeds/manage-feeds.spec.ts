import { expect, test } from '@playwright/test';
import { queryE2eDb } from '../db';

// Feeds added here point at a documentation address (TEST-NET-1, public, never routed); the e2e
// server runs no job runner, so nothing fetches them during the test.
const ADDED = 'http://192.0.2.10:9/e2e-added.xml';

test('an admin adds, pauses, resumes and removes a feed from the feeds page', async ({ page }) => {
  await page.goto('/feeds');
  const form = page.getByRole('form', { name: 'Add a feed' });
  await form.getByLabel('Feed URL').fill('ftp://example.org/feed.xml');
  await form.getByRole('button', { name: 'Add feed' }).click();
  await expect(form.locator('#add-feed-url-error')).toContainText('http');
  expect(queryE2eDb<{ n: number }>(`select count(*) as n from feeds where url like 'ftp:%'`)[0].n).toBe(0);

  // The private-address guard answers at once for feeds typed into the dashboard.
  await form.getByLabel('Feed URL').fill('http://127.0.0.1:9/private.xml');
  await form.getByRole('button', { name: 'Add feed' }).click();
  await expect(form.locator('#add-feed-url-error')).toContainText('127.0.0.1 is a private or local address');
  expect(queryE2eDb<{ n: number }>(`select count(*) as n from feeds where url like 'http://127.0.0.1:9/private%'`)[0].n).toBe(0);

  await form.getByLabel('Feed URL').fill(ADDED);
  await form.getByLabel('Title (optional)').fill('Added in the browser');
  await form.getByRole('button', { name: 'Add feed' }).click();
  await expect(form.getByRole('status')).toContainText('Added');
  const row = page.locator('tr', { hasText: 'Added in the browser' });
  await expect(row).toBeVisible();

  await row.getByRole('button', { name: `Pause ${ADDED}` }).click();
  await expect(row).toContainText('paused');
  expect(queryE2eDb<{ enabled: number }>(`select enabled from feeds where url = '${ADDED}'`)[0].enabled).toBe(0);
  await row.getByRole('button', { name: `Resume ${ADDED}` }).click();
  await expect(row.getByRole('button', { name: `Pause ${ADDED}` })).toBeVisible();

  await row.getByText('Remove…').click();
  await row.getByRole('button', { name: `Remove ${ADDED} and its items` }).click();
  await expect(page.locator('tr', { hasText: 'Added in the browser' })).toHaveCount(0);
  expect(queryE2eDb<{ n: number }>(`select count(*) as n from feeds where url = '${ADDED}'`)[0].n).toBe(0);
});

test('OPML import adds feeds, a broken file changes nothing, and export lists them', async ({ page, request }) => {
  await page.goto('/feeds');
  const form = page.getByRole('form', { name: 'Import OPML' });
  const before = queryE2eDb<{ n: number }>('select count(*) as n from feeds')[0].n;
  await form.getByLabel('OPML file').setInputFiles({ name: 'broken.opml', mimeType: 'text/x-opml', buffer: Buffer.from('<opml><body><outline') });
  await form.getByRole('button', { name: 'Import' }).click();
  await expect(form.locator('#import-opml-error')).not.toBeEmpty();
  expect(queryE2eDb<{ n: number }>('select count(*) as n from feeds')[0].n).toBe(before);

  const opml = `<?xml version="1.0"?><opml version="2.0"><head><title>t</title></head><body>
    <outline type="rss" text="Imported one" xmlUrl="http://192.0.2.11:9/imported-1.xml"/>
    <outline type="rss" text="Imported two" xmlUrl="http://192.0.2.12:9/imported-2.xml"/>
    <outline type="rss" text="Bad" xmlUrl="javascript:alert(1)"/></body></opml>`;
  await form.getByLabel('OPML file').setInputFiles({ name: 'list.opml', mimeType: 'text/x-opml', buffer: Buffer.from(opml) });
  await form.getByRole('button', { name: 'Import' }).click();
  await expect(form.getByRole('status')).toContainText('Imported 2 new feeds');
  await expect(form.getByRole('status')).toContainText('javascript:alert(1)');
  await expect(page.locator('tr', { hasText: 'Imported two' })).toBeVisible();

  const exported = await request.get('/api/feeds.opml');
  expect(exported.headers()['content-type']).toContain('opml');
  const text = await exported.text();
  expect(text).toContain('http://192.0.2.11:9/imported-1.xml');
  expect(text).not.toContain('chipwatch-sample:');
});
