import { prepared, type Db } from '../../db';
import { getGazetteer } from '../tagging/gazetteer';
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
  const filter = params.companyIds
    ? `AND e.id IN (SELECT event_id FROM exposure_event_entities WHERE kind = 'company' AND value IN (SELECT value FROM json_each(?)))`
    : '';
  const args: unknown[] = [from, to];
  if (params.companyIds) args.push(JSON.stringify(params.companyIds));
  const index = new Map(months.map((m, i) => [m, i]));
  if (params.by === 'type') {
    const rows = prepared(
      db,
      `SELECT substr(e.day, 1, 7) AS month, e.event_type AS key, count(*) AS n FROM exposure_events e
       WHERE e.day BETWEEN ? AND ? ${filter} GROUP BY month, key`,
    ).all(...args) as { month: string; key: string; n: number }[];
    const series = EVENT_TYPES.map((t) => ({ key: t, label: t, counts: new Array<number>(months.length).fill(0) }));
    for (const r of rows) {
      const s = series.find((x) => x.key === r.key);
      const i = index.get(r.month);
      if (s && i !== undefined) s.counts[i] += r.n;
    }
    return { months, series: series.filter((s) => s.counts.some((n) => n > 0)) };
  }
  const rows = prepared(
    db,
    `SELECT substr(e.day, 1, 7) AS month, x.value AS country, e.id AS id FROM exposure_events e
     JOIN exposure_event_entities x ON x.event_id = e.id AND x.kind = 'country'
     WHERE e.day BETWEEN ? AND ? ${filter}`,
  ).all(...args) as { month: string; country: string; id: number }[];
  // Broad regions only, so the bars stay readable; an event touching two counts in both.
  const regions = getGazetteer().regions.filter((r) => BROAD_REGIONS.includes(r.id));
  const regionOf = new Map<string, string[]>();
  for (const r of regions) for (const c of r.countries) regionOf.set(c, [...(regionOf.get(c) ?? []), r.id]);
  const seen = new Set<string>();
  const series = regions.map((r) => ({ key: r.id, label: r.name, counts: new Array<number>(months.length).fill(0) }));
  for (const row of rows) {
    const i = index.get(row.month);
    if (i === undefined) continue;
    for (const region of regionOf.get(row.country) ?? []) {
      const key = `${row.id}:${region}`;
      if (seen.has(key)) continue;
      seen.add(key);
      series.find((s) => s.key === region)!.counts[i]++;
    }
  }
  return { months, series: series.filter((s) => s.counts.some((n) => n > 0)) };
}

const BROAD_REGIONS = ['east-asia', 'southeast-asia', 'south-asia', 'europe', 'north-america', 'middle-east'];

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
