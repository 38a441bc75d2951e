import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Db } from '../../db';
import { storeFeedDocument } from '../../lib/feeds/ingest-feed';
import { addFeed } from '../../lib/feeds/manage-feeds';
import { WriteGroup } from '../../lib/feeds/write-group';
import { ClusterMemo } from '../../lib/tagging/cluster-memo';
import { createTempDb } from '../helpers/temp-db';

/**
 * An ingest run remembers the items it wrote (lib/tagging/cluster-memo.ts) so later documents of
 * the run find them as cluster candidates without reading them back. The clusters must be exactly
 * those the database alone gives, and a write that rolls back must leave nothing remembered.
 */
const temps: ReturnType<typeof createTempDb>[] = [];
afterEach(() => {
  for (const t of temps.splice(0)) t.cleanup();
});
const tempDb = () => {
  const t = createTempDb();
  temps.push(t);
  return t.db;
};

const SAMPLE = path.resolve(__dirname, '../../data/sample');
const state = { now: new Date('2026-01-01T00:00:00Z'), nextCheckAt: null };

async function loadSample(db: Db, memo?: ClusterMemo): Promise<void> {
  for (const file of fs.readdirSync(SAMPLE).filter((f) => f.endsWith('.xml')).sort()) {
    const { feed } = addFeed(db, `https://sample.example/${file}`);
    await storeFeedDocument(db, feed, fs.readFileSync(path.join(SAMPLE, file)), null, state, { memo });
  }
}

/** Each item's cluster, named by the feed and dedupe key of the cluster's first item. */
function clusters(db: Db): string[] {
  return (
    db.$client
      .prepare(
        `SELECT i.feed_id || ' ' || i.dedupe_key || ' -> ' || ifnull(c.feed_id || ' ' || c.dedupe_key, '-') AS line
         FROM items i LEFT JOIN items c ON c.id = i.cluster_id ORDER BY i.feed_id, i.dedupe_key`,
      )
      .all() as { line: string }[]
  ).map((r) => r.line);
}

const rss = (guid: string, title: string) =>
  Buffer.from(`<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>
<item><guid>${guid}</guid><title>${title}</title><description>The Commerce Department said the rule covers chip exports.</description><pubDate>Mon, 22 May 2023 10:00:00 GMT</pubDate></item>
</channel></rss>`);

describe('cluster memo', () => {
  it('gives the sample archive exactly the clusters the database alone gives', async () => {
    const withMemo = tempDb();
    const memo = new ClusterMemo();
    await loadSample(withMemo, memo);
    const without = tempDb();
    await loadSample(without);
    expect(memo.size).toBeGreaterThan(100);
    const lines = clusters(withMemo);
    expect(lines).toEqual(clusters(without));
    // The archive has stories carried by several feeds: the comparison covers joined clusters.
    const joined = lines.filter((l) => l.split(' -> ')[0].split(' ')[0] !== l.split(' -> ')[1].split(' ')[0] && !l.endsWith('-'));
    expect(joined.length).toBeGreaterThan(5);
  });

  it('forgets everything when a document’s write rolls back, since its ids will be reused', async () => {
    const db = tempDb();
    const memo = new ClusterMemo();
    const first = addFeed(db, 'https://one.example/feed.xml').feed;
    const second = addFeed(db, 'https://two.example/feed.xml').feed;
    db.$client.exec(`CREATE TEMP TRIGGER fail_feed_update BEFORE UPDATE ON feeds BEGIN SELECT RAISE(ABORT, 'disk on fire'); END`);
    await expect(
      storeFeedDocument(db, first, rss('a', 'US adds Huawei affiliates to the Entity List over chip exports'), null, state, { memo }),
    ).rejects.toThrow(/disk on fire/);
    expect(memo.size).toBe(0);
    expect(db.$client.prepare('SELECT count(*) AS n FROM items').get()).toEqual({ n: 0 });

    db.$client.exec('DROP TRIGGER fail_feed_update');
    // The next document gets the ids the rolled-back one had; it must not be taken for that item.
    await storeFeedDocument(db, second, rss('b', 'Japan tightens tool exports to China'), null, state, { memo });
    await storeFeedDocument(db, first, rss('a', 'US adds Huawei affiliates to the Entity List over chip exports'), null, state, { memo });
    const rows = db.$client.prepare('SELECT id, cluster_id AS clusterId FROM items ORDER BY id').all() as { id: number; clusterId: number }[];
    expect(rows.map((r) => r.clusterId)).toEqual(rows.map((r) => r.id));
  });

  it('in a write group, a failing document leaves the memo holding exactly the redone documents’ items', async () => {
    const db = tempDb();
    const memo = new ClusterMemo();
    const writes = new WriteGroup(db, () => memo.clear(), { maxWrites: 100, maxMs: 60_000 });
    const first = addFeed(db, 'https://one.example/feed.xml').feed;
    const second = addFeed(db, 'https://two.example/feed.xml').feed;
    await storeFeedDocument(db, first, rss('a', 'US adds Huawei affiliates to the Entity List over chip exports'), null, state, { memo, writes });
    db.$client.exec(`CREATE TEMP TRIGGER fail_second BEFORE UPDATE ON feeds WHEN new.id = ${second.id} BEGIN SELECT RAISE(ABORT, 'disk on fire'); END`);
    await expect(
      storeFeedDocument(db, second, rss('b', 'Commerce adds Huawei affiliates to the Entity List over chip exports'), null, state, { memo, writes }),
    ).rejects.toThrow(/disk on fire/);
    // The first document was rolled back with the group, then written again on its own.
    const stored = db.$client.prepare('SELECT id, feed_id AS feedId FROM items').all() as { id: number; feedId: number }[];
    expect(stored.map((r) => r.feedId)).toEqual([first.id]);
    expect(memo.size).toBe(1);
    expect(memo.get(stored[0].id)?.feedId).toBe(first.id);
    writes.commit();
  });
});
