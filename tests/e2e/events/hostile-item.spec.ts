import { expect, test } from '@playwright/test';
import { queryE2eDb } from '../db';

/*
 * The fixture item (tests/e2e/fixtures/hostile) arrives through normal ingest with unclosed <img
 * onerror>, <svg onload> and <script> in its title and summary. The explorer must show that text as
 * text, with and without search highlighting, and nothing in it may run.
 */
test('an item whose text carries <script> and onerror markup shows it as text and runs nothing', async ({ page }) => {
  const [item] = queryE2eDb<{ id: number; title: string; summary: string }>("SELECT id, title, summary FROM items WHERE title LIKE 'Bakery newsletter%'");
  expect(item.summary).toContain('<img src=x onerror=');
  expect(item.title).toContain('<script');

  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  for (const url of ['/events?relevant=all&q=bakery', '/events?relevant=all&q=onerror%20payload']) {
    await page.goto(url);
    const card = page.locator(`[data-event-id="${item.id}"]`);
    await expect(card).toHaveCount(1);
    await expect(card.getByRole('heading')).toHaveText(item.title);
    await expect(card.getByTestId('event-summary')).toContainText(`<img src=x onerror="window.__xss='img'"`);
    await expect(card.getByTestId('event-summary')).toContainText('<script');
    // Nothing from the text became an element: no image, svg or script inside the card.
    await expect(card.locator('img, svg, script, iframe')).toHaveCount(0);
    expect(await page.evaluate(() => (window as unknown as { __xss?: string }).__xss)).toBeUndefined();
  }
  // Highlighting splits the text into <mark> runs, still as text.
  await expect(page.locator(`[data-event-id="${item.id}"] mark`).first()).toBeVisible();
  expect(dialogs).toEqual([]);
});
