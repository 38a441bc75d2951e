import { prepared, type Db } from '../../db';
import { EVENT_TYPES } from '../tagging/rules';
import { dayIndex, dayIndexOf, dayString } from './days';
import { loadEvents, presenceCountries, companyPresences } from './load-events';
import { horizonDays, saturate, type CompanyPresence, type ExposureEvent } from './model';
import { COMPANY_SCALE, COUNTRY_SCALE } from './parameters';
import { allCompanySeries, countrySeries } from './series';
import { countAllMonths, monthlyCountsMissing, recountMonths } from './monthly-counts';
import { syncAllEvents, syncEvents } from './sync-events';
import { writeSnapshots } from './write-snapshots';

export interface ExposureUpdate {
  events: number;
  companies: number;
  countries: number;
  /** First day rewritten, YYYY-MM-DD, or null when nothing was. */
  fromDay: string | null;
  rowsWritten: number;
}

const MAX_HORIZON = Math.max(...EVENT_TYPES.map(horizonDays));

const SNAPSHOT_TABLES = ['company_snapshots', 'company_ledger_rows', 'company_breakdowns', 'company_changes', 'company_markers'];

/**
 * Recomputes everything: events from items, every company's and country's daily series, then what
 * the pages read: each company's snapshot for today and the monthly event counts.
 */
export function rebuildExposure(db: Db, now = new Date()): ExposureUpdate {
  return db.transaction(() => {
    syncAllEvents(db);
    db.$client.exec('DELETE FROM company_exposure_daily; DELETE FROM country_pressure_daily; DELETE FROM monthly_event_counts;');
    for (const table of SNAPSHOT_TABLES) db.$client.exec(`DELETE FROM ${table}`);
    const first = prepared(db, 'SELECT min(day) AS day FROM exposure_events').get() as { day: string | null };
    const events = (prepared(db, 'SELECT count(*) AS n FROM exposure_events').get() as { n: number }).n;
    if (!first.day) return { events, companies: 0, countries: 0, fromDay: null, rowsWritten: 0 };
    const all = loadEvents(db);
    const from = all[0].day;
    const countries = [...new Set(all.flatMap((e) => e.countries))];
    const today = dayIndexOf(now.getTime());
    const presences = companyPresences(db);
    const rows = writeSeries(db, all, presences, countries, from, today);
    const snapshotRows = writeSnapshots(db, presences, today, all);
    countAllMonths(db, all);
    return { events, companies: rows.companies, countries: countries.length, fromDay: dayString(from), rowsWritten: rows.rows + snapshotRows };
  });
}

/**
 * After ingest or a tag correction: re-derives the given events (story clusters), then rewrites
 * only what they can change: the companies they name or reach through their countries, and the
 * countries they name, from the earliest day involved. Everything else is only carried forward
 * to today, from the day after its last stored day.
 */
export function updateExposure(db: Db, clusterIds: number[], now = new Date()): ExposureUpdate {
  return db.transaction(() => {
    const today = dayIndexOf(now.getTime());
    const before = touchedBy(db, clusterIds);
    syncEvents(db, clusterIds);
    const after = touchedBy(db, clusterIds);
    const presences = companyPresences(db);
    const affectedCountries = new Set([...before.countries, ...after.countries]);
    const affectedCompanies = new Set([...before.companies, ...after.companies]);
    for (const p of presences) if (presenceCountries(p).some((c) => affectedCountries.has(c))) affectedCompanies.add(p.id);
    const affectedFrom = [...before.days, ...after.days].reduce((a, b) => Math.min(a, b), Infinity);

    // Companies and countries grouped by the first day to write.
    const lastCompanyDay = lastDays(db, 'SELECT company_id AS key, max(day) AS day FROM company_exposure_daily GROUP BY company_id');
    const lastCountryDay = lastDays(db, 'SELECT country AS key, max(day) AS day FROM country_pressure_daily GROUP BY country');
    const groups = new Map<number, { companies: CompanyPresence[]; countries: string[] }>();
    const groupFor = (from: number) => {
      let g = groups.get(from);
      if (!g) groups.set(from, (g = { companies: [], countries: [] }));
      return g;
    };
    for (const p of presences) {
      const from = affectedCompanies.has(p.id) ? affectedFrom : (lastCompanyDay.get(p.id) ?? Infinity) + 1;
      if (from <= today) groupFor(from).companies.push(p);
    }
    for (const country of new Set([...affectedCountries, ...lastCountryDay.keys()])) {
      const from = affectedCountries.has(country) ? affectedFrom : (lastCountryDay.get(country) ?? Infinity) + 1;
      if (from <= today) groupFor(from).countries.push(country);
    }
    let rows = 0;
    let companies = 0;
    for (const [from, group] of groups) {
      const events = loadEvents(db, { fromDay: dayString(from - MAX_HORIZON), toDay: dayString(today) });
      const written = writeSeries(db, events, group.companies, group.countries, from, today);
      rows += written.rows;
      companies += written.companies;
    }
    // Snapshots: the companies whose ledger may have changed, and every one whose snapshot is of an earlier day.
    const snapshotDay = new Map((prepared(db, 'SELECT company_id AS id, day FROM company_snapshots').all() as { id: string; day: string }[]).map((r) => [r.id, r.day]));
    const stale = presences.filter((p) => affectedCompanies.has(p.id) || snapshotDay.get(p.id) !== dayString(today));
    rows += writeSnapshots(db, stale, today);
    recountMonths(db, monthlyCountsMissing(db) ? 'all' : [...before.days, ...after.days].map((d) => dayString(d).slice(0, 7)));
    const firstDay = groups.size ? [...groups.keys()].reduce((a, b) => Math.min(a, b)) : null;
    return { events: clusterIds.length, companies, countries: affectedCountries.size, fromDay: firstDay === null ? null : dayString(firstDay), rowsWritten: rows };
  });
}

/** The companies, countries and days of the given events as stored now. */
function touchedBy(db: Db, clusterIds: number[]): { companies: string[]; countries: string[]; days: number[] } {
  const list = JSON.stringify(clusterIds);
  const entities = prepared(
    db,
    'SELECT kind, value FROM exposure_event_entities WHERE event_id IN (SELECT value FROM json_each(?))',
  ).all(list) as { kind: string; value: string }[];
  const days = prepared(db, 'SELECT day FROM exposure_events WHERE id IN (SELECT value FROM json_each(?))').all(list) as { day: string }[];
  return {
    companies: entities.filter((e) => e.kind === 'company').map((e) => e.value),
    countries: entities.filter((e) => e.kind === 'country').map((e) => e.value),
    days: days.map((d) => dayIndex(d.day)),
  };
}

function lastDays(db: Db, sql: string): Map<string, number> {
  const rows = prepared(db, sql).all() as { key: string; day: string }[];
  return new Map(rows.map((r) => [r.key, dayIndex(r.day)]));
}

/** Computes and stores the series of the given companies and countries over [from, to]. */
function writeSeries(db: Db, events: ExposureEvent[], companies: CompanyPresence[], countries: string[], from: number, to: number): { rows: number; companies: number } {
  const byCountry = new Map<string, ExposureEvent[]>();
  for (const e of events) for (const c of e.countries) push(byCountry, c, e);
  const fromDay = dayString(from);
  const startedBefore = new Set(
    (prepared(db, 'SELECT DISTINCT company_id AS id FROM company_exposure_daily WHERE day < ?').all(fromDay) as { id: string }[]).map((r) => r.id),
  );
  const deleteCompany = prepared(db, 'DELETE FROM company_exposure_daily WHERE company_id = ? AND day >= ?');
  const insertCompany = prepared(db, 'INSERT INTO company_exposure_daily (company_id, day, score, raw, support) VALUES (?, ?, ?, ?, ?)');
  const days = Array.from({ length: to - from + 1 }, (_, i) => dayString(from + i));
  const series = allCompanySeries(events, companies, from, to);
  let rows = 0;
  let written = 0;
  for (const company of companies) {
    deleteCompany.run(company.id, fromDay);
    const { raw, support } = series.get(company.id)!;
    // Days before anything reached the company stay unwritten (read as 0); from then on every day is stored.
    let started = startedBefore.has(company.id);
    for (let d = 0; d < days.length; d++) {
      started ||= raw[d] > 0 || support[d] > 0;
      if (!started) continue;
      insertCompany.run(company.id, days[d], saturate(raw[d], COMPANY_SCALE), raw[d], saturate(support[d], COMPANY_SCALE));
      rows++;
    }
    if (started) written++;
  }
  const deleteCountry = prepared(db, 'DELETE FROM country_pressure_daily WHERE country = ? AND day >= ?');
  const insertCountry = prepared(db, 'INSERT INTO country_pressure_daily (country, day, "index", raw) VALUES (?, ?, ?, ?)');
  for (const country of countries) {
    const list = byCountry.get(country) ?? [];
    deleteCountry.run(country, fromDay);
    if (list.length === 0) continue;
    const raw = countrySeries(list, from, to);
    for (let d = 0; d < days.length; d++) {
      if (from + d < list[0].day) continue;
      insertCountry.run(country, days[d], saturate(raw[d], COUNTRY_SCALE), raw[d]);
      rows++;
    }
  }
  return { rows, companies: written };
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
