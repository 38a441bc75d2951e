import type { Db } from '../../db';
import { watchlistEntries } from '../../db/schema';
import { getGazetteerFor } from '../tagging/tagger-instance';
import { latestExposureDay } from './company-exposure';
import { CHANGE_DAYS } from './company-list';
import { scoresOn } from './company-scores';
import { daysBefore } from './date-range';

export interface WatchlistRow {
  companyId: string;
  name: string;
  segment: string;
  hq: string;
  supplierName: string | null;
  source: 'manual' | 'csv';
  score: number;
  /** Score change over the last 30 days, in points. */
  change30: number;
}

/** The watchlist with each company's score on the latest computed day and its 30-day change, highest first. */
export function watchlistRows(db: Db): WatchlistRow[] {
  const gazetteer = getGazetteerFor(db);
  const entries = db.select().from(watchlistEntries).all();
  // The same score and change the company list shows (lib/queries/company-list.ts).
  const day = latestExposureDay(db);
  const before = daysBefore(day, CHANGE_DAYS);
  const scores = scoresOn(db, { companyIds: entries.map((e) => e.companyId), days: [day, before] });
  return entries
    .map((e) => {
      const company = gazetteer.companyById.get(e.companyId);
      const score = scores.get(e.companyId)?.get(day) ?? 0;
      return {
        companyId: e.companyId,
        name: company?.name ?? e.companyId,
        segment: company?.segment ?? '',
        hq: company?.hq ?? '',
        supplierName: e.supplierName,
        source: e.source,
        score,
        change30: score - (scores.get(e.companyId)?.get(before) ?? 0),
      };
    })
    .sort((a, b) => b.score - a.score || a.name.localeCompare(b.name));
}
