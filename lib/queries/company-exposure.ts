import { prepared, type Db } from '../../db';
import { dayIndex, dayString, isDay } from '../exposure/days';
import { ledgerFor, type LedgerRow } from '../exposure/ledger';
import { loadEvents, presenceOf } from '../exposure/load-events';
import { horizonDays } from '../exposure/model';
import { getGazetteerFor } from '../tagging/tagger-instance';
import { EVENT_TYPES } from '../tagging/rules';

export class ExposureQueryError extends Error {}

export interface CompanyExposure {
  company: { id: string; name: string; segment: string; hq: string; sites: string[] };
  from: string;
  to: string;
  /** One point per day of the range; 0 before anything reached the company. */
  series: { date: string; score: number; support: number }[];
  /** The score on the last day of the range, and the rows behind it, biggest first. */
  score: number;
  ledger: (Omit<LedgerRow, 'day'> & { date: string })[];
  support: { score: number; ledger: (Omit<LedgerRow, 'day'> & { date: string })[] };
}

const MAX_DAYS = 3660;
const MAX_HORIZON = Math.max(...EVENT_TYPES.map(horizonDays));

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
 * its ledger on the last day. The ledger is computed from the events, the series read from the
 * daily table the exposure job keeps; tests hold the two to the same numbers.
 */
export function companyExposure(db: Db, companyId: string, range: { from?: string; to?: string } = {}): CompanyExposure {
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

  const presence = presenceOf(company);
  const last = dayIndex(to);
  const events = loadEvents(db, { company: presence, fromDay: dayString(last - MAX_HORIZON), toDay: to });
  const ledger = ledgerFor(presence, events, last);
  const present = (rows: LedgerRow[]) => rows.map(({ day, ...r }) => ({ ...r, date: dayString(day) }));
  return {
    company: { id: company.id, name: company.name, segment: company.segment, hq: company.hq, sites: company.sites },
    from,
    to,
    series,
    score: ledger.score,
    ledger: present(ledger.rows),
    support: { score: ledger.support.score, ledger: present(ledger.support.rows) },
  };
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
