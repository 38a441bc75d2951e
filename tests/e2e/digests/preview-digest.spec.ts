import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { simpleParser } from 'mailparser';
import { rss2, serve, startFeedServer } from '../../helpers/feed-server';
import { runCli } from '../../helpers/run-cli';
import { queryE2eDb } from '../db';

const TITLE = 'China bans Micron chips from critical infrastructure after security review';

test('the /digests preview is exactly what `digest send` sends, and the one-click unsubscribe works', async ({ page, request }) => {
  test.setTimeout(120_000);
  const port = new URL(process.env.E2E_BASE_URL!).port;
  const outbox = fs.mkdtempSync(path.join(os.tmpdir(), 'chipwatch-e2e-outbox-'));
  // The CLI sends with the same settings the server previews with (APP_URL defaults from PORT).
  const env = { DATABASE_PATH: process.env.E2E_DATABASE_PATH!, CHIPWATCH_ALLOW_PRIVATE_FEEDS: '1', CHIPWATCH_OUTBOX_DIR: outbox, PORT: port };

  // A fresh event naming Micron, published an hour ago, through the real ingest.
  const feeds = await startFeedServer({
    '/fresh.xml': serve(rss2([{ title: TITLE, guid: 'fresh-1', link: 'https://news.example.com/fresh-1', description: 'The regulator told operators to stop buying Micron products.', pubDate: new Date(Date.now() - 3_600_000).toUTCString() }])),
  });
  try {
    expect((await runCli(['feeds', 'add', feeds.url('/fresh.xml'), '--title', 'Fresh e2e feed'], env)).status).toBe(0);
    const ingest = await runCli(['ingest', '--feed', feeds.url('/fresh.xml')], env);
    expect(ingest.status, ingest.stderr).toBe(0);
  } finally {
    await feeds.close();
  }

  // Create a subscription in the dashboard; bad input first, which changes nothing.
  await page.goto('/digests');
  const form = page.getByRole('form', { name: 'New subscription' });
  await form.getByLabel('Email').fill('e2e@buyer.test');
  await form.getByLabel('Time zone').fill('Mars/Olympus');
  await form.getByRole('button', { name: 'Subscribe' }).click();
  await expect(form.getByRole('alert')).toContainText('Nothing saved');
  await expect(form).toContainText('unknown time zone "Mars/Olympus"');
  expect(queryE2eDb<{ n: number }>("select count(*) as n from digest_subscriptions where email = 'e2e@buyer.test'")[0].n).toBe(0);

  // What was typed survives the refusal.
  await expect(form.getByLabel('Email')).toHaveValue('e2e@buyer.test');
  await form.getByLabel('Time zone').fill('Europe/Amsterdam');
  await form.getByLabel('Companies (ids, comma-separated)').fill('micron');
  await form.getByLabel('Hour (0–23)').fill('7');
  await form.getByRole('button', { name: 'Subscribe' }).click();
  await expect(form.getByRole('status')).toContainText('Subscribed e2e@buyer.test.');
  const row = page.locator('tr[data-email="e2e@buyer.test"]');
  await expect(row).toContainText('daily at 07:00 Europe/Amsterdam');
  await expect(row.getByTestId('last-delivery')).toContainText('nothing sent yet');

  // The preview: subject, HTML with the chart inlined, and the text part.
  await row.getByRole('link', { name: 'Preview next digest' }).click();
  await expect(page.getByRole('heading', { name: 'Next digest for e2e@buyer.test' })).toBeVisible();
  const previewText = await page.getByTestId('preview-text').textContent();
  const previewSubject = await page.getByTestId('preview-subject').textContent();
  const previewHtml = await page.getByTestId('preview-html').getAttribute('srcdoc');
  expect(previewText).toContain(TITLE);
  const frame = page.frameLocator('[data-testid="preview-html"]');
  await expect(frame.getByText(TITLE)).toBeVisible();
  await expect(frame.locator('img[src^="data:image/png;base64,"]')).toHaveCount(1);

  // Send the current period as the preview showed it, into the outbox.
  const sent = await runCli(['digest', 'send', '--now'], env);
  expect(sent.status, sent.stderr).toBe(0);
  const files = fs.readdirSync(outbox).filter((f) => f.includes('e2e@buyer.test'));
  expect(files).toHaveLength(1);
  const mail = await simpleParser(fs.readFileSync(path.join(outbox, files[0])), { skipImageLinks: true });
  expect(mail.subject).toBe(previewSubject);
  expect(mail.text).toBe(previewText);
  let sentHtml = String(mail.html);
  for (const a of mail.attachments) sentHtml = sentHtml.split(`cid:${a.cid}`).join(`data:${a.contentType};base64,${a.content.toString('base64')}`);
  expect(sentHtml).toBe(previewHtml);

  // /digests shows the delivery; /status shows the run.
  await page.goto('/digests');
  await expect(row.getByTestId('last-delivery')).toContainText(/digest daily:\d{4}-\d{2}-\d{2}: sent/);
  await page.goto('/status');
  await expect(page.getByTestId('job-schedules').locator('tr[data-job="digests"]')).toContainText('*/5 * * * *');
  await expect(page.getByTestId('job-runs').locator('tr[data-job="digests"]').first()).toContainText('ok');

  // One-click unsubscribe, as a mail client does it: POST to the List-Unsubscribe URL.
  const header = mail.headerLines.find((h) => h.key === 'list-unsubscribe')!.line.replace(/\r?\n\s+/g, ' ');
  const target = new URL(/<([^>]+)>/.exec(header)![1]);
  expect(target.pathname).toBe('/api/unsubscribe');
  const oneClick = await request.post(`${target.pathname}${target.search}`, { headers: { 'content-type': 'application/x-www-form-urlencoded' }, data: 'List-Unsubscribe=One-Click' });
  expect(oneClick.status()).toBe(200);
  await page.goto(`/unsubscribe${target.search}`);
  await expect(page.getByRole('status')).toContainText('e2e@buyer.test is unsubscribed');
  await page.goto('/digests');
  await expect(row).toContainText('unsubscribed');
  const after = await runCli(['digest', 'send', '--now'], env);
  expect(after.status).toBe(0);
  expect(fs.readdirSync(outbox).filter((f) => f.includes('e2e@buyer.test'))).toHaveLength(1);
  fs.rmSync(outbox, { recursive: true, force: true });
});
