import { eq } from 'drizzle-orm';
import type { Db } from '../../db';
import { items, itemTags, type TagKind } from '../../db/schema';
import type { Gazetteer } from './gazetteer';

export class TagInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TagInputError';
  }
}

export interface ManualTagChange {
  itemId: number;
  kind: TagKind;
  value: string;
}

/** Checks the item exists and the value is a known company id or country code; returns the canonical value. */
export function validateManualTag(db: Db, gazetteer: Gazetteer, change: ManualTagChange): string {
  const item = db.select({ id: items.id }).from(items).where(eq(items.id, change.itemId)).get();
  if (!item) throw new TagInputError(`no item with id ${change.itemId}`);
  if (change.kind === 'company') {
    const value = change.value.trim().toLowerCase();
    if (!gazetteer.companyById.has(value)) throw new TagInputError(`unknown company ${JSON.stringify(change.value)}: use an id from data/companies.json, such as "micron"`);
    return value;
  }
  const code = change.value.trim().toUpperCase();
  if (!gazetteer.countryByCode.has(code)) throw new TagInputError(`unknown country ${JSON.stringify(change.value)}: use an ISO 3166 alpha-2 code such as "CN", or "EU"`);
  return code;
}

/**
 * An analyst's correction. Stored as a manual row, which re-tagging never touches: an addition is a
 * manual row, a removal is a manual row marked removed that hides the auto tag of the same value.
 */
export function setManualTag(db: Db, gazetteer: Gazetteer, change: ManualTagChange, present: boolean): void {
  const value = validateManualTag(db, gazetteer, change);
  db.insert(itemTags)
    .values({ itemId: change.itemId, kind: change.kind, value, source: 'manual', removed: !present })
    .onConflictDoUpdate({
      target: [itemTags.itemId, itemTags.kind, itemTags.value, itemTags.source],
      set: { removed: !present },
    })
    .run();
}
