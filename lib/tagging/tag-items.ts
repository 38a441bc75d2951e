import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db';
import { items, itemTags } from '../../db/schema';
import { assignClusters } from './cluster-items';
import type { Tagger } from './tag-text';

/**
 * Tags stored items and writes the result: the item's relevance, type and severity, its auto tags
 * (manual ones are left alone), and its story cluster. Runs inside the caller's transaction when
 * there is one, so an item is never stored without its tags.
 */
export function tagStoredItems(db: Db, tagger: Tagger, ids: number[], now = new Date()): number {
  if (ids.length === 0) return 0;
  const insertTag = db.$client.prepare(
    `INSERT INTO item_tags (item_id, kind, value, source, removed, matched_text, field, offset)
     VALUES (?, ?, ?, 'auto', 0, ?, ?, ?)`,
  );
  let tagged = 0;
  for (const chunk of chunks(ids, 500)) {
    const rows = db
      .select({ id: items.id, title: items.title, summary: items.summary })
      .from(items)
      .where(inArray(items.id, chunk))
      .all();
    db.delete(itemTags).where(and(inArray(itemTags.itemId, chunk), eq(itemTags.source, 'auto'))).run();
    for (const row of rows) {
      const result = tagger.tag(row);
      db.update(items)
        .set({
          relevant: result.relevant,
          relevance: result.relevance,
          eventType: result.relevant ? result.eventType : null,
          severity: result.severity,
          taggerVersion: tagger.version,
          taggedAt: now,
          clusterId: null,
        })
        .where(eq(items.id, row.id))
        .run();
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
  assignClusters(db, ids);
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
