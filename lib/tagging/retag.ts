import { asc, gte } from 'drizzle-orm';
import type { Db } from '../../db';
import { items } from '../../db/schema';
import { tagStoredItems } from './tag-items';
import type { Tagger } from './tag-text';

/**
 * Re-runs the tagger over stored items (all, or those published since a date), after the gazetteer
 * or the rules changed. Manual tags are kept. Batches of 2,000 items, one transaction each, oldest
 * first so clusters form in the order the stories broke.
 */
export function retagItems(db: Db, tagger: Tagger, options: { since?: Date; onProgress?: (done: number, total: number) => void } = {}): number {
  const ids = db
    .select({ id: items.id })
    .from(items)
    .where(options.since ? gte(items.publishedAt, options.since) : undefined)
    .orderBy(asc(items.publishedAt), asc(items.id))
    .all()
    .map((r) => r.id);
  let done = 0;
  for (let i = 0; i < ids.length; i += 2000) {
    const batch = ids.slice(i, i + 2000);
    db.transaction(() => tagStoredItems(db, tagger, batch));
    done += batch.length;
    options.onProgress?.(done, ids.length);
  }
  return done;
}
