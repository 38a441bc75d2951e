import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { storeFeedDocument } from '../../lib/feeds/ingest-feed';
import { addFeed, removeFeed } from '../../lib/feeds/manage-feeds';
import { retagItems } from '../../lib/tagging/retag';
import { getTagger } from '../../lib/tagging/tagger-instance';
import { createTempDb } from '../helpers/temp-db';

/** The FTS5 index follows every way items change: ingest (new and changed items), retag, feed removal. */
let temp: ReturnType<typeof createTempDb>;
beforeEach(() => {
  temp = createTempDb();
});
afterEach(() => temp.cleanup());

const rss = (items: { guid: string; title: string; summary: string }[]) =>
  Buffer.from(`<?xml version="1.0"?><rss version="2.0"><channel><title>FTS test</title><link>https://fts.example/</link>
${items.map((i) => `<item><guid>${i.guid}</guid><title>${i.title}</title><description>${i.summary}</description><pubDate>Mon, 22 May 2023 10:00:00 GMT</pubDate></item>`).join('\n')}
</channel></rss>`);

function matches(q: string): number[] {
  return (temp.db.$client.prepare('SELECT rowid FROM items_fts WHERE items_fts MATCH ? ORDER BY rowid').all(q) as { rowid: number }[]).map((r) => r.rowid);
}

function integrityCheck(): void {
  // For an external-content table this compares the index with the text in `items`; it throws on any difference.
  temp.db.$client.prepare("INSERT INTO items_fts (items_fts, rank) VALUES ('integrity-check', 1)").run();
}

describe('items_fts', () => {
  it('indexes new items, re-indexes changed ones, and forgets removed ones', async () => {
    const { feed } = addFeed(temp.db, 'https://fts.example/feed.xml');
    const state = { now: new Date('2023-05-23T00:00:00Z'), nextCheckAt: null };
    await storeFeedDocument(temp.db, feed, rss([{ guid: 'a', title: 'Micron chip ban', summary: 'Regulator orders a halt' }]), null, state);
    expect(matches('"regulator"')).toHaveLength(1);

    await storeFeedDocument(temp.db, feed, rss([{ guid: 'a', title: 'Micron chip ban widened', summary: 'Ministry orders operators to stop' }]), null, state);
    expect(matches('"regulator"')).toEqual([]);
    expect(matches('"ministry" "widened"')).toHaveLength(1);
    integrityCheck();

    // Retagging rewrites verdict columns only: the index is left alone and stays correct.
    retagItems(temp.db, getTagger());
    integrityCheck();
    expect(matches('"ministry"')).toHaveLength(1);

    removeFeed(temp.db, String(feed.id));
    expect(matches('"ministry"')).toEqual([]);
    integrityCheck();
  });
});
