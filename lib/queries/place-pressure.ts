import { prepared, type Db } from '../../db';
import { dayIndex, dayString } from '../exposure/days';
import { saturate, type ExposureEvent } from '../exposure/model';
import { COUNTRY_SCALE } from '../exposure/parameters';
import { countrySeries } from '../exposure/series';
import { getGazetteer } from '../tagging/gazetteer';
import type { EventType } from '../tagging/rules';
import { MAX_HORIZON } from './company-ledger';
import { daysOf, type DateRange } from './date-range';

export interface PressurePoint {
  date: string;
  index: number;
}

/** A country's stored daily policy-pressure index over the range, one point per day (0 before its first event). */
export function countryPressure(db: Db, params: { country: string } & DateRange): PressurePoint[] {
  const rows = prepared(db, 'SELECT day, "index" AS value FROM country_pressure_daily WHERE country = ? AND day BETWEEN ? AND ?').all(
    params.country,
    params.from,
    params.to,
  ) as { day: string; value: number }[];
  const byDay = new Map(rows.map((r) => [r.day, r.value]));
  return daysOf(params).map((date) => ({ date, index: round(byDay.get(date) ?? 0) }));
}

/**
 * A region's pressure index: the index the region would have as one country, from every risk event
 * naming any of its countries, each counted once (summing member indexes would count an event
 * naming three members three times). Same weights, decay and scale as a country's index.
 */
export function regionPressure(db: Db, params: { countries: string[] } & DateRange): PressurePoint[] {
  const rows = prepared(
    db,
    `SELECT e.id, e.day, e.event_type AS eventType, e.severity, e.sources FROM exposure_events e
     WHERE e.day BETWEEN ? AND ? AND e.id IN (SELECT event_id FROM exposure_event_entities WHERE kind = 'country' AND value IN (SELECT value FROM json_each(?)))`,
  ).all(dayString(dayIndex(params.from) - MAX_HORIZON), params.to, JSON.stringify(params.countries)) as {
    id: number;
    day: string;
    eventType: EventType;
    severity: number;
    sources: number;
  }[];
  const events: ExposureEvent[] = rows.map((r) => ({ ...r, day: dayIndex(r.day), title: '', companies: new Map(), countries: [] }));
  const raw = countrySeries(events, dayIndex(params.from), dayIndex(params.to));
  return daysOf(params).map((date, i) => ({ date, index: round(saturate(raw[i], COUNTRY_SCALE)) }));
}

/**
 * Countries' indexes on one day (default: every gazetteer country), for maps; countries with no
 * stored row are left out ("no data"). Listing the countries keeps it to one key seek each, where
 * `WHERE day = ?` alone would walk the whole (country, day) key.
 */
export function pressuresOn(db: Db, params: { day: string; countries?: string[] }): Record<string, number> {
  const countries = params.countries ?? getGazetteer().countries.map((c) => c.code);
  const rows = prepared(db, 'SELECT country, "index" AS value FROM country_pressure_daily WHERE country IN (SELECT value FROM json_each(?)) AND day = ?').all(
    JSON.stringify(countries),
    params.day,
  ) as { country: string; value: number }[];
  return Object.fromEntries(rows.map((r) => [r.country, round(r.value)]));
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
