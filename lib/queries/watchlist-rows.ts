import { prepared, type Db } from '../../db';
import { dayIndex, dayString } from '../exposure/days';
import { getGazetteerFor } from '../tagging/tagger-instance';
import { latestExposureDay } from './company-exposure';

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
  const today = latestExposureDay(db);
  const monthAgo = dayString(dayIndex(today) - 30);
  const rows = prepared(
    db,
    `SELECT w.company_id AS companyId, w.supplier_name AS supplierName, w.source,
       (SELECT score FROM company_exposure_daily d WHERE d.company_id = w.company_id AND d.day = ?) AS score,
       (SELECT score FROM company_exposure_daily d WHERE d.company_id = w.company_id AND d.day = ?) AS before
     FROM watchlist_entries w`,
  ).all(today, monthAgo) as { companyId: string; supplierName: string | null; source: 'manual' | 'csv'; score: number | null; before: number | null }[];
  return rows
    .map((r) => {
      const company = gazetteer.companyById.get(r.companyId);
      return {
        companyId: r.companyId,
        name: company?.name ?? r.companyId,
        segment: company?.segment ?? '',
        hq: company?.hq ?? '',
        supplierName: r.supplierName,
        source: r.source,
        score: r.score ?? 0,
        change30: (r.score ?? 0) - (r.before ?? 0),
      };
    })
    .sort((a, b) => b.score - a.score || a.name.localeCompare(b.name));
}
