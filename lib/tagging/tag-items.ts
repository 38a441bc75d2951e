import { and, eq, inArray, sql } from 'drizzle-orm';
import { prepared, type Db } from '../../db';
import { items, itemTags } from '../../db/schema';
import { assignClusters, writeClusterKeys } from './cluster-items';
import type { Tagger } from './tag-text';

// Raw statements: these run once per item on the ingest path (see prepared() in db/index.ts).
const INSERT_TAG_SQL = `INSERT INTO item_tags (item_id, kind, value, source, removed, matched_text, field, offset)
  VALUES (?, ?, ?, 'auto', 0, ?, ?, ?)`;
const UPDATE_ITEM_SQL = `UPDATE items SET relevant = ?, relevance = ?, event_type = ?, severity = ?, tagger_version = ?,
  tagged_at = ?, cluster_id = NULL WHERE id = ?`;

/**
 * Tags stored items and writes the result: the item's relevance, type and severity, its auto tags
 * (manual ones are left alone), and its story cluster. Runs inside the caller's transaction when
 * there is one, so an item is never stored without its tags.
 */
export function tagStoredItems(db: Db, tagger: Tagger, ids: number[], now = new Date()): number {
  if (ids.length === 0) return 0;
  const insertTag = prepared(db, INSERT_TAG_SQL);
  const updateItem = prepared(db, UPDATE_ITEM_SQL);
  const taggedAt = now.getTime();
  let tagged = 0;
  const keysById = new Map<number, string[]>();
  for (const chunk of chunks(ids, 500)) {
    const rows = db
      .select({ id: items.id, title: items.title, summary: items.summary, publishedAt: items.publishedAt })
      .from(items)
      .where(inArray(items.id, chunk))
      .all();
    db.delete(itemTags).where(and(inArray(itemTags.itemId, chunk), eq(itemTags.source, 'auto'))).run();
    for (const row of rows) {
      const result = tagger.tag(row);
      updateItem.run(
        result.relevant ? 1 : 0,
        result.relevance,
        result.relevant ? result.eventType : null,
        result.severity,
        tagger.version,
        taggedAt,
        row.id,
      );
      keysById.set(row.id, writeClusterKeys(db, { id: row.id, publishedAt: row.publishedAt.getTime() }, result));
      const seen = new Set<string>();
      for (const m of result.matches) {
        const key = `${m.kind}:${m.id}`;
        if (seen.has(key)) continue;
        seen.add(key);
        insertTag.run(row.id, m.kind, m.id, m.text, m.field, m.offset);
      }
      tagged++;
    }
  }
  assignClusters(db, ids, keysById);
  return tagged;
}

/** Items whose tags predate this tagger version or that were never tagged. */
export function countStaleItems(db: Db, version: string): number {
  return (
    db
      .select({ n: sql<number>`count(*)` })
      .from(items)
      .where(sql`${items.taggerVersion} IS NULL OR ${items.taggerVersion} <> ${version}`)
      .get()?.n ?? 0
  );
}

function* chunks<T>(values: T[], size: number): Generator<T[]> {
  for (let i = 0; i < values.length; i += size) yield values.slice(i, i + size);
}
