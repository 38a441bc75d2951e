import { prepared, type Db } from '../../db';
import { clusterKeysOf, findCluster, type TokenCache } from './cluster-items';
import type { Tagger } from './tag-text';

// Raw statements prepared once per connection: this is the per-item hot path of ingest (see
// prepared() in db/index.ts and docs/benchmarks.md). Lists travel as one JSON parameter, so a
// chunk or an item's tags are one statement, not one per row.
const CLEAR_AUTO_TAGS_SQL = `DELETE FROM item_tags WHERE source = 'auto' AND item_id IN (SELECT value FROM json_each(?))`;
const CLEAR_KEYS_SQL = 'DELETE FROM cluster_keys WHERE item_id IN (SELECT value FROM json_each(?))';
// "AND cluster_id IS NOT NULL": an UPDATE rewrites the whole row, and new items have nothing to clear.
const CLEAR_CLUSTERS_SQL = 'UPDATE items SET cluster_id = NULL WHERE id IN (SELECT value FROM json_each(?)) AND cluster_id IS NOT NULL';
const SELECT_ROWS_SQL = `SELECT id, feed_id AS feedId, title, summary, published_at AS publishedAt FROM items
  WHERE id IN (SELECT value FROM json_each(?)) ORDER BY published_at, id`;
const SELECT_MANUAL_SQL = `SELECT item_id AS itemId, kind, value, removed FROM item_tags
  WHERE source = 'manual' AND item_id IN (SELECT value FROM json_each(?))`;
const UPDATE_ITEM_SQL = `UPDATE items SET relevant = ?, relevance = ?, event_type = ?, severity = ?, tagger_version = ?,
  tagged_at = ?, cluster_id = ? WHERE id = ?`;
const INSERT_TAGS_SQL = `INSERT INTO item_tags (item_id, kind, value, source, removed, matched_text, field, offset)
  SELECT ?, j.value ->> 0, j.value ->> 1, 'auto', 0, j.value ->> 2, j.value ->> 3, j.value ->> 4 FROM json_each(?) j`;
const INSERT_KEYS_SQL = `INSERT OR IGNORE INTO cluster_keys (key, published_at, item_id)
  SELECT j.value, ?, ? FROM json_each(?) j`;

interface Row {
  id: number;
  feedId: number;
  title: string;
  summary: string;
  publishedAt: number;
}

/**
 * Tags stored items and writes the result: relevance, type and severity, the automatic tags (manual
 * ones are left alone), the cluster keys, and the story cluster. Items are handled oldest first so
 * the first report of a story becomes its cluster. Runs inside the caller's transaction when there
 * is one, so an item is never stored without its tags.
 */
export function tagStoredItems(db: Db, tagger: Tagger, ids: number[], now = new Date()): number {
  const taggedAt = now.getTime();
  const tokenCache: TokenCache = new Map();
  let tagged = 0;
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = JSON.stringify(ids.slice(i, i + 500));
    prepared(db, CLEAR_AUTO_TAGS_SQL).run(chunk);
    prepared(db, CLEAR_KEYS_SQL).run(chunk);
    prepared(db, CLEAR_CLUSTERS_SQL).run(chunk);
    const manual = manualTagsByItem(db, chunk);
    for (const row of prepared(db, SELECT_ROWS_SQL).all(chunk) as Row[]) {
      const result = tagger.tag(row);
      const autoTags: (string | number)[][] = [];
      const tags = new Set<string>();
      for (const m of result.matches) {
        const key = `${m.kind}:${m.id}`;
        if (tags.has(key)) continue;
        tags.add(key);
        autoTags.push([m.kind, m.id, m.text, m.field, m.offset]);
      }
      for (const [key, removed] of manual.get(row.id) ?? []) {
        if (removed) tags.delete(key);
        else tags.add(key);
      }
      const keys = clusterKeysOf(result);
      const clusterId = result.relevant
        ? findCluster(db, { id: row.id, feedId: row.feedId, title: row.title, publishedAt: row.publishedAt, keys, tags }, tokenCache)
        : null;
      prepared(db, UPDATE_ITEM_SQL).run(
        result.relevant ? 1 : 0,
        result.relevance,
        result.relevant ? result.eventType : null,
        result.severity,
        tagger.version,
        taggedAt,
        clusterId,
        row.id,
      );
      if (autoTags.length) prepared(db, INSERT_TAGS_SQL).run(row.id, JSON.stringify(autoTags));
      if (keys.length) prepared(db, INSERT_KEYS_SQL).run(row.publishedAt, row.id, JSON.stringify(keys));
      tagged++;
    }
  }
  return tagged;
}

function manualTagsByItem(db: Db, chunk: string): Map<number, [string, boolean][]> {
  const rows = prepared(db, SELECT_MANUAL_SQL).all(chunk) as { itemId: number; kind: string; value: string; removed: number }[];
  const result = new Map<number, [string, boolean][]>();
  for (const r of rows) {
    const list = result.get(r.itemId) ?? [];
    list.push([`${r.kind}:${r.value}`, r.removed === 1]);
    result.set(r.itemId, list);
  }
  return result;
}
