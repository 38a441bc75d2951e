import { afterEach, beforeEach, expect, it } from 'vitest';
import { storeFeedDocument } from '../../lib/feeds/ingest-feed';
import { addFeed, removeFeed } from '../../lib/feeds/manage-feeds';
import { createTempDb } from '../helpers/temp-db';

/** Items per month (the overview's chart) follow every way items come and go: new, re-dated, removed with their feed. */
let temp: ReturnType<typeof createTempDb>;
beforeEach(() => {
  temp = createTempDb();
});
afterEach(() => temp.cleanup());

const rss = (items: { guid: string; date: string; title?: string }[]) =>
  Buffer.from(`<?xml version="1.0"?><rss version="2.0"><channel><title>Counts</title><link>https://counts.example/</link>
${items.map((i) => `<item><guid>${i.guid}</guid><title>${i.title ?? `Story ${i.guid}`}</title><description>About ${i.guid}</description><pubDate>${new Date(i.date).toUTCString()}</pubDate></item>`).join('\n')}
</channel></rss>`);

const state = { now: new Date('2024-06-01T00:00:00Z'), nextCheckAt: null };

function stored(): Record<string, number> {
  const rows = temp.db.$client.prepare('SELECT month, items FROM monthly_item_counts WHERE items <> 0 ORDER BY month').all() as { month: string; items: number }[];
  return Object.fromEntries(rows.map((r) => [r.month, r.items]));
}

function counted(): Record<string, number> {
  const rows = temp.db.$client
    .prepare("SELECT strftime('%Y-%m', published_at / 1000, 'unixepoch') AS month, count(*) AS n FROM items GROUP BY month ORDER BY month")
    .all() as { month: string; n: number }[];
  return Object.fromEntries(rows.map((r) => [r.month, r.n]));
}

it('counts a document’s new items per month, follows a re-dated item, and forgets a removed feed’s items', async () => {
  const a = addFeed(temp.db, 'https://counts.example/a.xml').feed;
  const b = addFeed(temp.db, 'https://counts.example/b.xml').feed;
  // A month boundary in UTC: 2024-01-31 23:30 is January, 2024-02-01 00:30 is February.
  await storeFeedDocument(temp.db, a, rss([
    { guid: 'a1', date: '2024-01-31T23:30:00Z' },
    { guid: 'a2', date: '2024-02-01T00:30:00Z' },
    { guid: 'a3', date: '2024-02-15T12:00:00Z' },
  ]), null, state);
  await storeFeedDocument(temp.db, b, rss([{ guid: 'b1', date: '2024-02-20T12:00:00Z' }, { guid: 'b2', date: '2023-12-05T12:00:00Z' }]), null, state);
  expect(stored()).toEqual({ '2023-12': 1, '2024-01': 1, '2024-02': 3 });

  // Polled again: nothing counts twice; a2 changed (a new headline) and moved to March; a4 is new.
  await storeFeedDocument(temp.db, a, rss([
    { guid: 'a1', date: '2024-01-31T23:30:00Z' },
    { guid: 'a2', date: '2024-03-02T08:00:00Z', title: 'Story a2, updated' },
    { guid: 'a3', date: '2024-02-15T12:00:00Z' },
    { guid: 'a4', date: '2024-03-10T08:00:00Z' },
  ]), null, state);
  expect(stored()).toEqual({ '2023-12': 1, '2024-01': 1, '2024-02': 2, '2024-03': 2 });
  expect(stored()).toEqual(counted());

  removeFeed(temp.db, String(a.id));
  expect(stored()).toEqual({ '2023-12': 1, '2024-02': 1 });
  expect(stored()).toEqual(counted());
});
