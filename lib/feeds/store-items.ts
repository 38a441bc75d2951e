import { prepared, type Db } from '../../db';
import { FeedClusterCandidates, type TokenCache } from '../tagging/cluster-items';
import type { ClusterMemo } from '../tagging/cluster-memo';
import { titleTokens } from '../tagging/title-similarity';
import { applyManualTags, clearAutoTagging, manualTagsByItem, TagRowWriter, type ItemTagging, type ManualTags } from '../tagging/item-tagging';
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
// Both statements take the row's values in the same order (ItemRowWriter below), the id last.
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
// In a write group (write-group.ts) it waits for the group's end, where one statement indexes every
// item newer than the index: one segment per group instead of one per document, and fewer for FTS5
// to merge (~4% of the writing thread's time in the store-only harness). New ids only grow
// (AUTOINCREMENT), so the items newer than the last id in the index are exactly those not yet in it.
const INDEX_NEW_ITEMS_SQL = `INSERT INTO items_fts (rowid, title, summary)
  SELECT id, title, summary FROM items WHERE id BETWEEN ? AND ?`;
// The last indexed id comes from FTS5's docsize table (one row per indexed item, written at once,
// not buffered like the terms): `max(rowid)` of an external-content index reads the items table.
const LAST_INDEXED_SQL = 'SELECT ifnull(max(id), 0) AS last FROM items_fts_docsize';
const INDEX_ITEMS_AFTER_SQL = `INSERT INTO items_fts (rowid, title, summary)
  SELECT id, title, summary FROM items WHERE id > ?`;

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
 *
 * Loops and small named functions, no closures: this runs once per document, and V8 compiled the
 * earlier version (array methods with arrow functions, everything inlined into one body) five times
 * a run at ~40 ms each on the cores the ingest needs (--trace-opt, docs/benchmarks.md).
 */
export function storeItems(db: Db, feedId: number, entries: PreparedEntry[], taggerVersion: string, now: Date, run: StoreRun = {}): StoreCounts {
  const { memo } = run;
  const existing = existingItems(db, feedId, entries);
  const toWrite: PreparedEntry[] = [];
  const changedIds: number[] = [];
  for (const entry of entries) {
    const old = existing.get(entry.item.dedupeKey);
    if (old?.contentHash === entry.item.contentHash) continue;
    toWrite.push(entry);
    if (old) changedIds.push(old.id);
  }
  const counts: StoreCounts = { inserted: 0, updated: 0, unchanged: entries.length - toWrite.length };
  if (toWrite.length === 0) return counts;

  clearAutoTagging(db, changedIds);
  const manual = manualTagsByItem(db, changedIds);
  const firstNewId = toWrite.length > changedIds.length ? (prepared(db, NEXT_ID_SQL).get() as { next: number }).next : 0;
  const rows = rowsToWrite(toWrite, existing, manual, firstNewId);

  // The cluster candidates of the whole document come in one query, before any row is written.
  const targets: { keys: string[]; publishedAt: number }[] = [];
  for (const row of rows) if (row.tagging.relevant) targets.push({ keys: row.tagging.keys, publishedAt: row.publishedAt });
  const candidates = new FeedClusterCandidates(db, feedId, targets, memo);
  const tokenCache: TokenCache = new Map();
  const tagRows = new TagRowWriter();
  const writer = new ItemRowWriter(db, feedId, taggerVersion, now.getTime());

  for (const row of rows) {
    const { item, id, publishedAt, tagging } = row;
    const clusterId = tagging.relevant
      ? candidates.clusterFor({ id, feedId, title: item.title, publishedAt, keys: tagging.keys, tags: tagging.tags }, tokenCache)
      : null;
    writer.write(row, clusterId);
    tagRows.add(id, publishedAt, tagging);
    if (clusterId !== null) memo?.remember(id, { feedId, clusterId, publishedAt, title: item.title, tags: tagging.tags, tokens: tokenCache.get(id) ?? titleTokens(item.title) });
    else memo?.forget(id);
    if (row.old) counts.updated++;
    else counts.inserted++;
  }
  tagRows.flush(db);
  if (counts.inserted > 0) {
    const lastNewId = firstNewId + counts.inserted - 1;
    countNewItemsPerMonth(db, firstNewId, lastNewId);
    if (run.indexLater) run.indexLater();
    else prepared(db, INDEX_NEW_ITEMS_SQL).run(firstNewId, lastNewId);
  }
  return counts;
}

export interface StoreRun {
  /** The run's memo of the items it wrote (cluster-memo.ts). */
  memo?: ClusterMemo;
  /**
   * Called instead of adding the new items to the full-text index now: the caller promises to run
   * `indexUnindexedItems` before its transaction commits (a write group, WriteGroup.beforeCommit).
   */
  indexLater?: () => void;
}

/** Adds every item newer than the full-text index to it (see INDEX_NEW_ITEMS_SQL). */
export function indexUnindexedItems(db: Db): void {
  const { last } = prepared(db, LAST_INDEXED_SQL).get() as { last: number };
  prepared(db, INDEX_ITEMS_AFTER_SQL).run(last);
}

interface RowToWrite {
  item: PreparedEntry['item'];
  old: Existing | undefined;
  id: number;
  publishedAt: number;
  tagging: ItemTagging;
}

/** The document's stored items, by dedupe key (one query for the whole document). */
function existingItems(db: Db, feedId: number, entries: PreparedEntry[]): Map<string, Existing> {
  const keys: string[] = [];
  for (const entry of entries) keys.push(entry.item.dedupeKey);
  const existing = new Map<string, Existing>();
  for (const row of prepared(db, EXISTING_SQL).all(feedId, JSON.stringify(keys)) as Existing[]) existing.set(row.dedupeKey, row);
  return existing;
}

/** Ids (new items numbered from `nextId`, in order), dates and effective tags of the items to write. */
function rowsToWrite(toWrite: PreparedEntry[], existing: Map<string, Existing>, manual: Map<number, ManualTags>, nextId: number): RowToWrite[] {
  const rows: RowToWrite[] = [];
  for (const { item, tagging } of toWrite) {
    const old = existing.get(item.dedupeKey);
    const id = old ? old.id : nextId++;
    // An item whose feed stopped giving a date keeps the date it had.
    const publishedAt = old && !item.dateFromFeed ? old.publishedAt : item.publishedAt.getTime();
    rows.push({ item, old, id, publishedAt, tagging: applyManualTags(tagging, manual.get(id) ?? []) });
  }
  return rows;
}

/**
 * Writes item rows through the two prepared statements, binding from one parameter array per
 * statement that is filled in place for each row: no array per row, and no spread.
 */
class ItemRowWriter {
  private readonly insert: ReturnType<typeof prepared>;
  private readonly update: ReturnType<typeof prepared>;
  // Both statements take the row's values in the same order; INSERT adds feed, key and first seen.
  private readonly insertParams: unknown[] = new Array(20).fill(null);
  private readonly updateParams: unknown[] = new Array(17).fill(null);

  constructor(db: Db, feedId: number, private readonly taggerVersion: string, private readonly nowMs: number) {
    this.insert = prepared(db, INSERT_SQL);
    this.update = prepared(db, UPDATE_SQL);
    this.insertParams[16] = feedId;
    this.insertParams[18] = nowMs;
  }

  write(row: RowToWrite, clusterId: number | null): void {
    const { item, old, tagging } = row;
    const params = old ? this.updateParams : this.insertParams;
    params[0] = item.guid;
    params[1] = item.url;
    params[2] = item.title;
    params[3] = item.summary;
    params[4] = item.contentHtml;
    params[5] = row.publishedAt;
    params[6] = item.dateFromFeed || old?.dateFromFeed === 1 ? 1 : 0;
    params[7] = item.contentHash;
    params[8] = tagging.relevant ? 1 : 0;
    params[9] = tagging.relevance;
    params[10] = tagging.eventType;
    params[11] = tagging.severity;
    params[12] = this.taggerVersion;
    params[13] = clusterId;
    params[14] = this.nowMs;
    params[15] = this.nowMs;
    if (old) {
      params[16] = row.id;
      this.update.run(params);
    } else {
      params[17] = item.dedupeKey;
      params[19] = row.id;
      this.insert.run(params);
    }
  }
}

/**
 * Adds items [firstId, lastId], just inserted, to the counts per month. Code that inserts items
 * other than through storeItems calls it too (migration 0016: no trigger counts them).
 */
export function countNewItemsPerMonth(db: Db, firstId: number, lastId: number): void {
  prepared(db, COUNT_NEW_ITEMS_SQL).run(firstId, lastId);
}
