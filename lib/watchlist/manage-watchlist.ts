import { asc, eq } from 'drizzle-orm';
import type { Db } from '../../db';
import { watchlistEntries, watchlistUnmatched } from '../../db/schema';
import { getGazetteerFor, getTaggerFor } from '../tagging/tagger-instance';
import { SupplierMatcher, type SupplierMatch } from './match-supplier';
import { parseSupplierCsv } from './parse-supplier-csv';

export class WatchlistInputError extends Error {}

export function watchlistCompanyIds(db: Db): string[] {
  return db.select({ id: watchlistEntries.companyId }).from(watchlistEntries).orderBy(asc(watchlistEntries.companyId)).all().map((r) => r.id);
}

export function addToWatchlist(db: Db, companyId: string, source: 'manual' | 'csv', supplierName: string | null = null, now = new Date()): boolean {
  if (!getGazetteerFor(db).companyById.has(companyId)) throw new WatchlistInputError(`unknown company "${companyId}"`);
  const inserted = db
    .insert(watchlistEntries)
    .values({ companyId, source, supplierName, addedAt: now })
    .onConflictDoNothing()
    .returning({ id: watchlistEntries.companyId })
    .get();
  return inserted !== undefined;
}

export function removeFromWatchlist(db: Db, companyId: string): void {
  db.delete(watchlistEntries).where(eq(watchlistEntries.companyId, companyId)).run();
}

export interface SupplierImport {
  matched: { line: number; name: string; match: SupplierMatch; added: boolean }[];
  unmatched: { line: number; name: string }[];
  skipped: number;
}

/**
 * Matches an uploaded supplier list to the gazetteer: matched names join the watchlist, the others
 * wait in the unmatched list until someone maps them or adds them as a new company. One
 * transaction: a file refused for any reason changes nothing.
 */
export function importSupplierCsv(db: Db, input: string | Buffer, now = new Date()): SupplierImport {
  const { rows, skipped } = parseSupplierCsv(input);
  const matcher = new SupplierMatcher(getGazetteerFor(db), getTaggerFor(db));
  const result: SupplierImport = { matched: [], unmatched: [], skipped };
  db.transaction(() => {
    for (const row of rows) {
      const match = matcher.match(row.name);
      if (match) {
        const added = addToWatchlist(db, match.companyId, 'csv', row.name, now);
        db.delete(watchlistUnmatched).where(eq(watchlistUnmatched.name, row.name)).run();
        result.matched.push({ line: row.line, name: row.name, match, added });
      } else {
        db.insert(watchlistUnmatched)
          .values({ name: row.name, details: row.details || null, uploadedAt: now })
          .onConflictDoUpdate({ target: watchlistUnmatched.name, set: { details: row.details || null, uploadedAt: now } })
          .run();
        result.unmatched.push({ line: row.line, name: row.name });
      }
    }
  });
  return result;
}

export function listUnmatched(db: Db) {
  return db.select().from(watchlistUnmatched).orderBy(asc(watchlistUnmatched.name)).all();
}

/** Maps an unmatched supplier name to a company: it joins the watchlist and leaves the unmatched list. */
export function mapUnmatched(db: Db, name: string, companyId: string, now = new Date()): void {
  db.transaction(() => {
    const row = db.select().from(watchlistUnmatched).where(eq(watchlistUnmatched.name, name)).get();
    if (!row) throw new WatchlistInputError(`"${name}" is not in the unmatched list`);
    addToWatchlist(db, companyId, 'csv', name, now);
    db.delete(watchlistUnmatched).where(eq(watchlistUnmatched.name, name)).run();
  });
}

export function dismissUnmatched(db: Db, name: string): void {
  db.delete(watchlistUnmatched).where(eq(watchlistUnmatched.name, name)).run();
}
