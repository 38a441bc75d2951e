import { prepared, type Db } from '../../db';
import { daysOf, type DateRange } from './date-range';

/*
 * Stored daily scores of several companies at once, read on the (company_id, day) primary key. The
 * exposure job writes no row before a company's first event, so a missing row is a score of 0.
 */

/** Scores of the companies on the given days: `result.get(companyId)?.get(day) ?? 0`. */
export function scoresOn(db: Db, params: { companyIds: string[]; days: string[] }): Map<string, Map<string, number>> {
  const rows = prepared(
    db,
    `SELECT company_id AS companyId, day, score FROM company_exposure_daily
     WHERE company_id IN (SELECT value FROM json_each(?)) AND day IN (SELECT value FROM json_each(?))`,
  ).all(JSON.stringify(params.companyIds), JSON.stringify(params.days)) as { companyId: string; day: string; score: number }[];
  const out = new Map<string, Map<string, number>>();
  for (const r of rows) {
    let byDay = out.get(r.companyId);
    if (!byDay) out.set(r.companyId, (byDay = new Map()));
    byDay.set(r.day, r.score);
  }
  return out;
}

/** One score per day of the range for each company, 0 where nothing had reached it yet. */
export function scoreSeries(db: Db, params: { companyIds: string[] } & DateRange): Map<string, number[]> {
  const days = daysOf(params);
  const position = new Map(days.map((d, i) => [d, i]));
  const out = new Map(params.companyIds.map((id) => [id, new Array<number>(days.length).fill(0)]));
  const rows = prepared(
    db,
    `SELECT company_id AS companyId, day, score FROM company_exposure_daily
     WHERE company_id IN (SELECT value FROM json_each(?)) AND day BETWEEN ? AND ?`,
  ).all(JSON.stringify(params.companyIds), params.from, params.to) as { companyId: string; day: string; score: number }[];
  for (const r of rows) {
    const i = position.get(r.day);
    const series = out.get(r.companyId);
    if (series && i !== undefined) series[i] = r.score;
  }
  return out;
}
