import { prepared, type Db } from '../../db';
import { broadRegions } from '../exposure/broad-regions';
import { EVENT_TYPES, type EventType } from '../tagging/rules';
import { getGazetteerFor } from '../tagging/tagger-instance';
import { latestExposureDay } from './company-exposure';
import { scoreSeries } from './company-scores';
import { daysBefore, daysOf } from './date-range';
import { entitiesOf, EVENT_ROW_COLUMNS, type EventRow } from './event-rows';

export type SevereEvent = EventRow & { companies: { id: string; name: string }[]; countries: string[] };

/** The newest events of at least `minSeverity`, optionally only those naming one of `companyIds`. */
export function latestSevereEvents(db: Db, params: { minSeverity: number; limit: number; companyIds?: string[] }): SevereEvent[] {
  const filter = params.companyIds
    ? `AND e.id IN (SELECT event_id FROM exposure_event_entities WHERE kind = 'company' AND value IN (SELECT value FROM json_each(?)))`
    : '';
  const args: unknown[] = [params.minSeverity];
  if (params.companyIds) args.push(JSON.stringify(params.companyIds));
  args.push(params.limit);
  const rows = prepared(
    db,
    `SELECT ${EVENT_ROW_COLUMNS} FROM exposure_events e
     WHERE e.severity >= ? AND e.event_type <> 'investment' ${filter} ORDER BY e.day DESC, e.id DESC LIMIT ?`,
  ).all(...args) as EventRow[];
  const entities = entitiesOf(db, rows.map((r) => r.id));
  const companies = getGazetteerFor(db).companyById;
  return rows.map((r) => {
    const { companies: named, countries } = entities.get(r.id)!;
    return {
      ...r,
      companies: [...named.keys()].map((id) => ({ id, name: companies.get(id)?.name ?? id })),
      countries: [...countries].sort(),
    };
  });
}

export interface MonthlyCounts {
  /** YYYY-MM, oldest first, every month of the range present. */
  months: string[];
  /** Series name → one count per month. */
  series: { key: string; label: string; counts: number[] }[];
}

/** Events per month over the last `months` months up to the latest day, by type or by region (an event counts once per region it touches). */
export function eventCountsByMonth(db: Db, params: { by: 'type' | 'region'; months: number; companyIds?: string[] }): MonthlyCounts {
  const to = latestExposureDay(db);
  const end = new Date(`${to}T00:00:00Z`);
  const months = Array.from({ length: params.months }, (_, i) => {
    const d = new Date(Date.UTC(end.getUTCFullYear(), end.getUTCMonth() - (params.months - 1 - i), 1));
    return d.toISOString().slice(0, 7);
  });
  const from = `${months[0]}-01`;
  const index = new Map(months.map((m, i) => [m, i]));
  const keys = params.by === 'type' ? EVENT_TYPES.map((t) => ({ id: t, name: t })) : broadRegions();
  const series = keys.map((k) => ({ key: k.id, label: k.name, counts: new Array<number>(months.length).fill(0) }));
  const seriesOf = new Map(series.map((x) => [x.key, x]));
  // All companies: the counts the exposure job keeps. A watchlist: counted from its events (far fewer).
  const rows = params.companyIds ? countDirect(db, params.by, from, to, params.companyIds) : (prepared(
    db,
    'SELECT month, key, events AS n FROM monthly_event_counts WHERE by = ? AND month BETWEEN ? AND ?',
  ).all(params.by, months[0], months.at(-1)) as { month: string; key: string; n: number }[]);
  for (const r of rows) {
    const i = index.get(r.month);
    const s = seriesOf.get(r.key);
    if (s && i !== undefined) s.counts[i] += r.n;
  }
  return { months, series: series.filter((s) => s.counts.some((n) => n > 0)) };
}

/** Events per month and type or broad region, counted from the events (naming one of `companyIds`, when given). */
export function countDirect(db: Db, by: 'type' | 'region', from: string, to: string, companyIds?: string[]): { month: string; key: string; n: number }[] {
  const filter = companyIds
    ? `AND e.id IN (SELECT event_id FROM exposure_event_entities WHERE kind = 'company' AND value IN (SELECT value FROM json_each(?)))`
    : '';
  const args: unknown[] = [from, to];
  if (companyIds) args.push(JSON.stringify(companyIds));
  if (by === 'type') {
    return prepared(
      db,
      `SELECT substr(e.day, 1, 7) AS month, e.event_type AS key, count(*) AS n FROM exposure_events e
       WHERE e.day BETWEEN ? AND ? ${filter} GROUP BY month, key`,
    ).all(...args) as { month: string; key: string; n: number }[];
  }
  const rows = prepared(
    db,
    `SELECT substr(e.day, 1, 7) AS month, x.value AS country, e.id AS id FROM exposure_events e
     JOIN exposure_event_entities x ON x.event_id = e.id AND x.kind = 'country'
     WHERE e.day BETWEEN ? AND ? ${filter}`,
  ).all(...args) as { month: string; country: string; id: number }[];
  // An event touching two countries of one region counts once there, and once in each region it touches.
  const regionOf = new Map<string, string[]>();
  for (const r of broadRegions()) for (const c of r.countries) regionOf.set(c, [...(regionOf.get(c) ?? []), r.id]);
  const seen = new Set<string>();
  const counts = new Map<string, { month: string; key: string; n: number }>();
  for (const row of rows) {
    for (const region of regionOf.get(row.country) ?? []) {
      if (seen.has(`${row.id}:${region}`)) continue;
      seen.add(`${row.id}:${region}`);
      const entry = counts.get(`${row.month} ${region}`) ?? { month: row.month, key: region, n: 0 };
      entry.n++;
      counts.set(`${row.month} ${region}`, entry);
    }
  }
  return [...counts.values()];
}


/** Each country's pressure index on the latest day. */
export function pressureNow(db: Db): { day: string; values: Record<string, number> } {
  const day = latestExposureDay(db);
  const rows = prepared(db, 'SELECT country, "index" AS value FROM country_pressure_daily WHERE day = ?').all(day) as { country: string; value: number }[];
  return { day, values: Object.fromEntries(rows.map((r) => [r.country, r.value])) };
}

/** Daily scores of a few companies over the last `days` days, as chart rows ({date, [id]: score}). */
export function exposureLines(db: Db, params: { companyIds: string[]; days: number }): { date: string; [id: string]: number | string }[] {
  const to = latestExposureDay(db);
  const range = { from: daysBefore(to, params.days - 1), to };
  const series = scoreSeries(db, { companyIds: params.companyIds, ...range });
  return daysOf(range).map((date, i) => {
    const row: { date: string; [id: string]: number | string } = { date };
    for (const id of params.companyIds) row[id] = Math.round((series.get(id)?.[i] ?? 0) * 10) / 10;
    return row;
  });
}
