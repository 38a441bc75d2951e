import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { storeFeedDocument } from '../../lib/feeds/ingest-feed';
import { addFeed, removeFeed } from '../../lib/feeds/manage-feeds';
import { WriteGroup } from '../../lib/feeds/write-group';
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

  it('indexes every new item of a document that also changes and keeps items, across feeds', async () => {
    const first = addFeed(temp.db, 'https://fts.example/one.xml').feed;
    const second = addFeed(temp.db, 'https://fts.example/two.xml').feed;
    const state = { now: new Date('2023-05-23T00:00:00Z'), nextCheckAt: null };
    await storeFeedDocument(temp.db, first, rss([
      { guid: 'a', title: 'Gallium curbs announced', summary: 'Licences needed for exports' },
      { guid: 'b', title: 'Germanium curbs announced', summary: 'Same rule for germanium' },
    ]), null, state);
    await storeFeedDocument(temp.db, second, rss([{ guid: 'a', title: 'Beijing gallium licences', summary: 'Other feed, same guid' }]), null, state);
    // The second poll of the first feed: one item changed, one kept, two new.
    await storeFeedDocument(temp.db, first, rss([
      { guid: 'a', title: 'Gallium curbs take effect', summary: 'Licences needed for exports from August' },
      { guid: 'b', title: 'Germanium curbs announced', summary: 'Same rule for germanium' },
      { guid: 'c', title: 'Antimony next', summary: 'Analysts expect antimony rules' },
      { guid: 'd', title: 'Graphite after that', summary: 'Graphite exporters prepare' },
    ]), null, state);
    integrityCheck();
    expect(matches('"gallium"')).toHaveLength(2);
    expect(matches('"august"')).toHaveLength(1);
    expect(matches('"announced"')).toHaveLength(1);
    expect(matches('"antimony"')).toHaveLength(1);
    expect(matches('"graphite"')).toHaveLength(1);
    const total = (temp.db.$client.prepare('SELECT count(*) AS n FROM items').get() as { n: number }).n;
    expect(total).toBe(5);
  });

  it('indexes a write group’s new items once, at its commit, also when one feed fails and the others are redone', async () => {
    const feeds = ['one', 'two', 'three'].map((name) => addFeed(temp.db, `https://fts.example/${name}.xml`).feed);
    const state = { now: new Date('2023-05-23T00:00:00Z'), nextCheckAt: null };
    const writes = new WriteGroup(temp.db, () => {}, { maxWrites: 10, maxMs: 60_000 });
    await storeFeedDocument(temp.db, feeds[0], rss([{ guid: 'a', title: 'Gallium curbs announced', summary: 'Licences needed' }]), null, state, { writes });
    // Not in the index before the group commits: the insert waits for the commit.
    expect(matches('"gallium"')).toEqual([]);
    await storeFeedDocument(temp.db, feeds[1], rss([{ guid: 'a', title: 'Germanium curbs', summary: 'Same rule' }, { guid: 'b', title: 'Antimony next', summary: 'Expected soon' }]), null, state, { writes });
    // A feed removed behind the run's back: its write fails, the group rolls back and the two others are redone alone.
    removeFeed(temp.db, String(feeds[2].id));
    await expect(storeFeedDocument(temp.db, feeds[2], rss([{ guid: 'z', title: 'Graphite too', summary: 'Later' }]), null, state, { writes })).rejects.toThrow();
    writes.commit();
    integrityCheck();
    expect(matches('"gallium"')).toHaveLength(1);
    expect(matches('"germanium" OR "antimony"')).toHaveLength(2);
    expect(matches('"graphite"')).toEqual([]);
    const indexed = (temp.db.$client.prepare('SELECT count(*) AS n FROM items_fts_docsize').get() as { n: number }).n;
    expect(indexed).toBe(3);

    // A later group's items join the same index.
    await storeFeedDocument(temp.db, feeds[0], rss([{ guid: 'c', title: 'Graphite exporters prepare', summary: 'New rules' }]), null, state, { writes });
    writes.commit();
    integrityCheck();
    expect(matches('"graphite"')).toHaveLength(1);
  });
});
