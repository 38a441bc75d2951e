import { prepared, type Db } from '../../db';
import { findCluster, type TokenCache } from './cluster-items';
import { clearAutoTagging, manualTagsByItem, tagForStorage, TagRowWriter } from './item-tagging';
import type { Tagger } from './tag-text';

// "AND cluster_id IS NOT NULL": an UPDATE rewrites the whole row, and an unclustered item has nothing to clear.
const CLEAR_CLUSTERS_SQL = 'UPDATE items SET cluster_id = NULL WHERE id IN (SELECT value FROM json_each(?)) AND cluster_id IS NOT NULL';
const SELECT_ROWS_SQL = `SELECT id, feed_id AS feedId, title, summary, published_at AS publishedAt FROM items
  WHERE id IN (SELECT value FROM json_each(?)) ORDER BY published_at, id`;
const UPDATE_ITEM_SQL = `UPDATE items SET relevant = ?, relevance = ?, event_type = ?, severity = ?, tagger_version = ?,
  tagged_at = ?, cluster_id = ? WHERE id = ?`;

interface Row {
  id: number;
  feedId: number;
  title: string;
  summary: string;
  publishedAt: number;
}

/**
 * Tags items already stored (the `retag` path; ingest tags items before it writes them, see
 * lib/feeds/store-items.ts). Writes relevance, type and severity, the automatic tags (manual ones
 * are left alone), the cluster keys and the story cluster. Items are handled oldest first so the
 * first report of a story becomes its cluster. Runs inside the caller's transaction.
 */
export function tagStoredItems(db: Db, tagger: Tagger, ids: number[], now = new Date()): number {
  const taggedAt = now.getTime();
  const tokenCache: TokenCache = new Map();
  const writer = new TagRowWriter();
  let tagged = 0;
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    clearAutoTagging(db, chunk);
    prepared(db, CLEAR_CLUSTERS_SQL).run(JSON.stringify(chunk));
    const manual = manualTagsByItem(db, chunk);
    for (const row of prepared(db, SELECT_ROWS_SQL).all(JSON.stringify(chunk)) as Row[]) {
      const t = tagForStorage(tagger, row, manual.get(row.id) ?? []);
      const clusterId = t.relevant ? findCluster(db, { ...row, keys: t.keys, tags: t.tags }, tokenCache) : null;
      prepared(db, UPDATE_ITEM_SQL).run(t.relevant ? 1 : 0, t.relevance, t.eventType, t.severity, tagger.version, taggedAt, clusterId, row.id);
      // Written at once: the next item's candidates include this one.
      writer.add(row.id, row.publishedAt, t);
      writer.flush(db);
      tagged++;
    }
  }
  return tagged;
}
