import { prepared, type Db } from '../../db';
import { broadRegions } from './broad-regions';
import { dayString } from './days';
import type { ExposureEvent } from './model';

/*
 * Events per calendar month by type and by broad region (monthly_event_counts), for the overview.
 * Counting them per request read every event of two years, and for regions every event's countries
 * too (about a second at a million items); the exposure job recounts only the months it changed.
 */

const TYPE_COUNTS = `
INSERT INTO monthly_event_counts (by, month, key, events)
SELECT 'type', substr(day, 1, 7) AS month, event_type, count(*) FROM exposure_events
WHERE day BETWEEN ? AND ? GROUP BY month, event_type`;

// Driven by day (CROSS JOIN keeps the events outer): driving from the countries instead walked every
// event of the US and China ever stored, even to recount one month.
const EVENT_COUNTRIES = `
SELECT substr(e.day, 1, 7) AS month, e.id AS id, x.value AS country
FROM exposure_events e CROSS JOIN exposure_event_entities x ON x.event_id = e.id AND x.kind = 'country'
WHERE e.day BETWEEN ? AND ?`;

/** Recounts the given months (YYYY-MM), or every month when `months` is 'all'. */
export function recountMonths(db: Db, months: Iterable<string> | 'all'): void {
  const regionsOf = new Map<string, string[]>();
  for (const r of broadRegions()) for (const c of r.countries) regionsOf.set(c, [...(regionsOf.get(c) ?? []), r.id]);
  const ranges = months === 'all' ? [['0000-00', '9999-99']] : [...new Set(months)].map((m) => [m, m]);
  const insert = prepared(db, "INSERT INTO monthly_event_counts (by, month, key, events) VALUES ('region', ?, ?, ?)");
  for (const [first, last] of ranges) {
    prepared(db, 'DELETE FROM monthly_event_counts WHERE month BETWEEN ? AND ?').run(first, last);
    const from = `${first}-01`;
    const to = `${last}-31`;
    prepared(db, TYPE_COUNTS).run(from, to);
    // An event touching two countries of one region counts once there, and once in each region it
    // touches. An event's countries come one after another (the events drive the join).
    const counts = new Map<string, { month: string; region: string; events: number }>();
    let current = -1;
    const seen = new Set<string>();
    for (const row of prepared(db, EVENT_COUNTRIES).iterate(from, to) as Iterable<{ month: string; id: number; country: string }>) {
      if (row.id !== current) {
        current = row.id;
        seen.clear();
      }
      for (const region of regionsOf.get(row.country) ?? []) {
        if (seen.has(region)) continue;
        seen.add(region);
        const key = `${row.month} ${region}`;
        const entry = counts.get(key);
        if (entry) entry.events++;
        else counts.set(key, { month: row.month, region, events: 1 });
      }
    }
    for (const c of counts.values()) insert.run(c.month, c.region, c.events);
  }
}

/**
 * Counts every month from events already in memory (the rebuild has just read them all), the same
 * counts recountMonths makes from the tables, without reading the events a second time.
 */
export function countAllMonths(db: Db, events: readonly ExposureEvent[]): void {
  const regionsOf = new Map<string, string[]>();
  for (const r of broadRegions()) for (const c of r.countries) regionsOf.set(c, [...(regionsOf.get(c) ?? []), r.id]);
  const counts = new Map<string, number>();
  const monthOf = new Map<number, string>();
  const bump = (key: string) => counts.set(key, (counts.get(key) ?? 0) + 1);
  for (const e of events) {
    let month = monthOf.get(e.day);
    if (month === undefined) monthOf.set(e.day, (month = dayString(e.day).slice(0, 7)));
    bump(`type ${month} ${e.eventType}`);
    const regions = new Set(e.countries.flatMap((c) => regionsOf.get(c) ?? []));
    for (const region of regions) bump(`region ${month} ${region}`);
  }
  prepared(db, 'DELETE FROM monthly_event_counts').run();
  const insert = prepared(db, 'INSERT INTO monthly_event_counts (by, month, key, events) VALUES (?, ?, ?, ?)');
  for (const [key, n] of counts) {
    const [by, month, k] = key.split(' ');
    insert.run(by, month, k, n);
  }
}

/** True when no month has been counted though events exist: a database from before the counts were kept. */
export function monthlyCountsMissing(db: Db): boolean {
  const row = prepared(db, 'SELECT EXISTS (SELECT 1 FROM exposure_events) AS events, EXISTS (SELECT 1 FROM monthly_event_counts) AS counts').get() as { events: number; counts: number };
  return row.events === 1 && row.counts === 0;
}
