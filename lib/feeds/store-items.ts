import { prepared, type Db } from '../../db';
import { FeedClusterCandidates, type TokenCache } from '../tagging/cluster-items';
import type { ClusterMemo } from '../tagging/cluster-memo';
import { titleTokens } from '../tagging/title-similarity';
import { applyManualTags, clearAutoTagging, manualTagsByItem, TagRowWriter } from '../tagging/item-tagging';
import type { PreparedEntry } from './prepare-document';

export interface StoreCounts {
  inserted: number;
  updated: number;
  unchanged: number;
}

/*
 * Raw SQL on purpose: these statements run for every item of every poll, and a statement prepared
 * once per connection is several times faster than one built through the query builder each time.
 *
 * Each new or changed item arrives tagged (prepare-document.ts), so its row is written once, tags
 * included. Writing it untagged and updating it afterwards wrote every row (a few KiB with its
 * HTML) twice, and was the largest cost of ingest (docs/benchmarks.md).
 */
const EXISTING_SQL = `SELECT id, dedupe_key AS dedupeKey, content_hash AS contentHash, published_at AS publishedAt,
    date_from_feed AS dateFromFeed
  FROM items WHERE feed_id = ? AND dedupe_key IN (SELECT value FROM json_each(?))`;
// With AUTOINCREMENT the next id is one past the larger of the sequence and the largest id.
const NEXT_ID_SQL = `SELECT max(ifnull((SELECT seq FROM sqlite_sequence WHERE name = 'items'), 0),
    ifnull((SELECT max(id) FROM items), 0)) + 1 AS next`;
// Positional parameters: binding 18 named ones from an object cost about twice as much per row.
// Both statements take the row's values in the same order (`values` below), the id last.
const INSERT_SQL = `INSERT INTO items (guid, url, title, summary, content_html, published_at, date_from_feed,
    content_hash, relevant, relevance, event_type, severity, tagger_version, cluster_id, updated_at, tagged_at,
    feed_id, dedupe_key, first_seen_at, id)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;
const UPDATE_SQL = `UPDATE items SET guid = ?, url = ?, title = ?, summary = ?, content_html = ?, published_at = ?,
    date_from_feed = ?, content_hash = ?, relevant = ?, relevance = ?, event_type = ?, severity = ?,
    tagger_version = ?, cluster_id = ?, updated_at = ?, tagged_at = ?
  WHERE id = ?`;

// New items are counted per calendar month (UTC) for the overview in one statement per document
// (migration 0016 says why not by a trigger). Before the full-text insert, which must come last.
const COUNT_NEW_ITEMS_SQL = `INSERT INTO monthly_item_counts (month, items)
  SELECT strftime('%Y-%m', published_at / 1000, 'unixepoch') AS month, count(*) FROM items WHERE id BETWEEN ? AND ? GROUP BY month
  ON CONFLICT (month) DO UPDATE SET items = items + excluded.items`;

// New items enter the full-text index in one statement per document, after everything else the
// document writes (migration 0012 says why a per-row trigger was slow). It has to come last: a
// statement that opens a savepoint after FTS5 has pending terms makes it write them out as a segment.
const INDEX_NEW_ITEMS_SQL = `INSERT INTO items_fts (rowid, title, summary)
  SELECT id, title, summary FROM items WHERE id BETWEEN ? AND ?`;

interface Existing {
  id: number;
  dedupeKey: string;
  contentHash: string;
  publishedAt: number;
  dateFromFeed: number;
}

/**
 * Stores one feed document's items: new ones are inserted, changed ones (same dedupe key, new
 * content hash) updated in place, and re-polled unchanged ones left alone. New and changed items
 * are clustered on the way in, with the tags they arrive with, so no item is ever stored untagged.
 *
 * Must run inside the caller's IMMEDIATE transaction, together with the feed-state update: new
 * items get their ids here (a new item starts its own cluster, whose id is its own id), which is
 * only safe while this connection has held the write lock since before the first read.
 */
export function storeItems(db: Db, feedId: number, entries: PreparedEntry[], taggerVersion: string, now: Date, memo?: ClusterMemo): StoreCounts {
  const nowMs = now.getTime();
  const existingRows = prepared(db, EXISTING_SQL).all(feedId, JSON.stringify(entries.map((e) => e.item.dedupeKey))) as Existing[];
  const existing = new Map(existingRows.map((r) => [r.dedupeKey, r]));
  const toWrite = entries.filter((e) => existing.get(e.item.dedupeKey)?.contentHash !== e.item.contentHash);
  const counts: StoreCounts = { inserted: 0, updated: 0, unchanged: entries.length - toWrite.length };
  if (toWrite.length === 0) return counts;

  const changedIds = toWrite.flatMap((e) => existing.get(e.item.dedupeKey)?.id ?? []);
  clearAutoTagging(db, changedIds);
  const manual = manualTagsByItem(db, changedIds);
  let nextId = toWrite.length > changedIds.length ? (prepared(db, NEXT_ID_SQL).get() as { next: number }).next : 0;
  const firstNewId = nextId;

  // The cluster candidates of the whole document come in one query, before any row is written.
  const rows = toWrite.map(({ item, tagging: auto }) => {
    const old = existing.get(item.dedupeKey);
    const id = old ? old.id : nextId++;
    // An item whose feed stopped giving a date keeps the date it had.
    const publishedAt = old && !item.dateFromFeed ? old.publishedAt : item.publishedAt.getTime();
    const tagging = applyManualTags(auto, manual.get(id) ?? []);
    return { item, old, id, publishedAt, tagging };
  });
  const candidates = new FeedClusterCandidates(db, feedId, rows.filter((r) => r.tagging.relevant).map((r) => ({ keys: r.tagging.keys, publishedAt: r.publishedAt })), memo);
  const tokenCache: TokenCache = new Map();
  const tagRows = new TagRowWriter();

  for (const { item, old, id, publishedAt, tagging } of rows) {
    const clusterId = tagging.relevant
      ? candidates.clusterFor({ id, feedId, title: item.title, publishedAt, keys: tagging.keys, tags: tagging.tags }, tokenCache)
      : null;
    const values = [
      item.guid,
      item.url,
      item.title,
      item.summary,
      item.contentHtml,
      publishedAt,
      item.dateFromFeed || old?.dateFromFeed === 1 ? 1 : 0,
      item.contentHash,
      tagging.relevant ? 1 : 0,
      tagging.relevance,
      tagging.eventType,
      tagging.severity,
      taggerVersion,
      clusterId,
      nowMs,
      nowMs,
    ];
    if (old) prepared(db, UPDATE_SQL).run(...values, id);
    else prepared(db, INSERT_SQL).run(...values, feedId, item.dedupeKey, nowMs, id);
    tagRows.add(id, publishedAt, tagging);
    if (clusterId !== null) memo?.remember(id, { feedId, clusterId, publishedAt, title: item.title, tags: tagging.tags, tokens: tokenCache.get(id) ?? titleTokens(item.title) });
    else memo?.forget(id);
    if (old) counts.updated++;
    else counts.inserted++;
  }
  tagRows.flush(db);
  if (counts.inserted > 0) {
    countNewItemsPerMonth(db, firstNewId, nextId - 1);
    prepared(db, INDEX_NEW_ITEMS_SQL).run(firstNewId, nextId - 1);
  }
  return counts;
}

/**
 * Adds items [firstId, lastId], just inserted, to the counts per month. Code that inserts items
 * other than through storeItems calls it too (migration 0016: no trigger counts them).
 */
export function countNewItemsPerMonth(db: Db, firstId: number, lastId: number): void {
  prepared(db, COUNT_NEW_ITEMS_SQL).run(firstId, lastId);
}
