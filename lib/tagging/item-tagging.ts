import { prepared, type Db } from '../../db';
import type { ItemTagging, ManualTags } from './auto-tagging';

export { applyManualTags, autoTagging, tagForStorage, type ItemTagging, type ManualTags } from './auto-tagging';

// Rows travel as one JSON parameter: a whole batch of tags is one statement, not one per row.
const INSERT_TAGS_SQL = `INSERT INTO item_tags (item_id, kind, value, source, removed, matched_text, field, offset)
  SELECT j.value ->> 0, j.value ->> 1, j.value ->> 2, 'auto', 0, j.value ->> 3, j.value ->> 4, j.value ->> 5 FROM json_each(?) j`;
const INSERT_KEYS_SQL = `INSERT OR IGNORE INTO cluster_keys (key, published_at, item_id)
  SELECT j.value ->> 0, j.value ->> 1, j.value ->> 2 FROM json_each(?) j`;

/** Collects tag rows and cluster keys of many items and writes them in two statements. */
export class TagRowWriter {
  private tags: (string | number)[][] = [];
  private keys: (string | number)[][] = [];

  add(itemId: number, publishedAt: number, tagging: ItemTagging): void {
    for (const t of tagging.autoTags) this.tags.push([itemId, ...t]);
    for (const key of tagging.keys) this.keys.push([key, publishedAt, itemId]);
  }

  /** Writes what was added; the caller has cleared the items' old automatic rows. */
  flush(db: Db): void {
    if (this.tags.length) prepared(db, INSERT_TAGS_SQL).run(JSON.stringify(this.tags));
    if (this.keys.length) prepared(db, INSERT_KEYS_SQL).run(JSON.stringify(this.keys));
    this.tags = [];
    this.keys = [];
  }
}

const SELECT_MANUAL_SQL = `SELECT item_id AS itemId, kind, value, removed FROM item_tags
  WHERE source = 'manual' AND item_id IN (SELECT value FROM json_each(?))`;

/** Manual corrections for a list of items, by item id. */
export function manualTagsByItem(db: Db, ids: number[]): Map<number, ManualTags> {
  const result = new Map<number, ManualTags>();
  if (ids.length === 0) return result;
  const rows = prepared(db, SELECT_MANUAL_SQL).all(JSON.stringify(ids)) as { itemId: number; kind: string; value: string; removed: number }[];
  for (const r of rows) {
    const list = result.get(r.itemId) ?? [];
    list.push([`${r.kind}:${r.value}`, r.removed === 1]);
    result.set(r.itemId, list);
  }
  return result;
}

const CLEAR_AUTO_TAGS_SQL = `DELETE FROM item_tags WHERE source = 'auto' AND item_id IN (SELECT value FROM json_each(?))`;
const CLEAR_KEYS_SQL = 'DELETE FROM cluster_keys WHERE item_id IN (SELECT value FROM json_each(?))';

/** Drops the automatic tags and cluster keys of items about to be tagged again. */
export function clearAutoTagging(db: Db, ids: number[]): void {
  if (ids.length === 0) return;
  const list = JSON.stringify(ids);
  prepared(db, CLEAR_AUTO_TAGS_SQL).run(list);
  prepared(db, CLEAR_KEYS_SQL).run(list);
}
