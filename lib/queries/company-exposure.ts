import { prepared, type Db } from '../../db';
import { dayIndex, dayString, isDay } from '../exposure/days';
import { LEDGER_TOP_ROWS, type RowsRest } from '../exposure/ledger-cap';
import type { LedgerRow } from '../exposure/ledger';
import { cappedLedger, dayLedger } from '../exposure/reach-ledger';
import { getGazetteerFor } from '../tagging/tagger-instance';
import { readCompanyEvents, type ReadCompanyEvents } from './company-ledger';
import { ExposureQueryError } from './exposure-query-error';
import { snapshotOn, storedLedger } from './stored-snapshot';

// In its own module so company-ledger.ts can throw it without importing this one back.
export { ExposureQueryError };

export interface CompanyExposure {
  company: { id: string; name: string; segment: string; hq: string; sites: string[] };
  from: string;
  to: string;
  /** One point per day of the range; 0 before anything reached the company. */
  series: { date: string; score: number; support: number }[];
  /**
   * The score on the last day of the range and the rows behind it, biggest first: the biggest
   * LEDGER_TOP_ROWS, then `rest`, what all the others add up to (null when there are no others).
   * `rows` counts the whole ledger. The rows plus the rest sum to the score.
   */
  score: number;
  rows: number;
  ledger: LedgerEntry[];
  rest: RowsRest | null;
  support: { score: number; rows: number; ledger: LedgerEntry[]; rest: RowsRest | null };
  /** True when the ledger was read from what the exposure job stored for that day. */
  stored: boolean;
}

export type LedgerEntry = Omit<LedgerRow, 'day'> & { date: string };

const MAX_DAYS = 3660;

/** Latest day with stored exposure, else today (UTC). */
export function latestExposureDay(db: Db): string {
  // A bare max(day) walks the whole (company_id, day) key (~70 ms at 500k rows, on every page and
  // API call); the latest day of each company is one seek on that key.
  const ids = JSON.stringify(getGazetteerFor(db).companies.map((c) => c.id));
  const row = prepared(
    db,
    'SELECT max((SELECT max(d.day) FROM company_exposure_daily d WHERE d.company_id = c.value)) AS day FROM json_each(?) c',
  ).get(ids) as { day: string | null };
  return row.day ?? new Date().toISOString().slice(0, 10);
}

/**
 * A company's daily series over [from, to] (default: the year up to the latest computed day) and
 * its ledger on the last day. The series is read from the daily table the exposure job keeps. The
 * ledger of the day the job last computed is read from its snapshot; any other day's is computed
 * from the events counting that day (read per type within its horizon, as columns: only the rows
 * shown become objects; lib/exposure/reach-ledger.ts). Tests hold all three to the same numbers.
 */
export function companyExposure(
  db: Db,
  companyId: string,
  range: { from?: string; to?: string } = {},
  read: ReadCompanyEvents = readCompanyEvents(db),
): CompanyExposure {
  const company = getGazetteerFor(db).companyById.get(companyId);
  if (!company) throw new ExposureQueryError(`unknown company ${JSON.stringify(companyId)}: use an id from data/companies.json, such as "micron"`);
  for (const [name, value] of Object.entries(range)) {
    if (value !== undefined && !isDay(value)) throw new ExposureQueryError(`--${name} must be a date as YYYY-MM-DD, got ${JSON.stringify(value)}`);
  }
  const to = range.to ?? latestExposureDay(db);
  const from = range.from ?? dayString(dayIndex(to) - 364);
  if (from > to) throw new ExposureQueryError(`from (${from}) is after to (${to})`);
  if (dayIndex(to) - dayIndex(from) >= MAX_DAYS) throw new ExposureQueryError(`the range is over ${MAX_DAYS} days; ask for less`);

  const stored = prepared(db, 'SELECT day, score, support FROM company_exposure_daily WHERE company_id = ? AND day BETWEEN ? AND ? ORDER BY day').all(companyId, from, to) as {
    day: string;
    score: number;
    support: number;
  }[];
  const byDay = new Map(stored.map((r) => [r.day, r]));
  const series = [];
  for (let d = dayIndex(from); d <= dayIndex(to); d++) {
    const date = dayString(d);
    const row = byDay.get(date);
    series.push({ date, score: round(row?.score ?? 0), support: round(row?.support ?? 0) });
  }

  const present = (rows: LedgerRow[]) => rows.map(({ day, ...r }) => ({ ...r, date: dayString(day) }));
  const base = { company: { id: company.id, name: company.name, segment: company.segment, hq: company.hq, sites: company.sites }, from, to, series };
  const snapshot = snapshotOn(db, companyId, to);
  if (snapshot) {
    const risk = storedLedger(db, companyId, 'risk');
    const support = storedLedger(db, companyId, 'support');
    return {
      ...base,
      score: snapshot.score,
      rows: snapshot.riskRows,
      ledger: present(risk.rows),
      rest: risk.rest,
      support: { score: snapshot.supportScore, rows: snapshot.supportRows, ledger: present(support.rows), rest: support.rest },
      stored: true,
    };
  }
  const { presence, events } = read(companyId, { from: to, to });
  const ledger = dayLedger(events, dayIndex(to));
  const risk = cappedLedger(db, presence, events, ledger, false, LEDGER_TOP_ROWS);
  const support = cappedLedger(db, presence, events, ledger, true, LEDGER_TOP_ROWS);
  return {
    ...base,
    score: risk.score,
    rows: risk.total,
    ledger: present(risk.rows),
    rest: risk.rest,
    support: { score: support.score, rows: support.total, ledger: present(support.rows), rest: support.rest },
    stored: false,
  };
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
