import { prepared, type Db } from '../../db';
import type { EventType } from '../tagging/rules';

/** An event (story cluster) as lists show it. */
export interface EventRow {
  id: number;
  /** UTC day of the first report, YYYY-MM-DD. */
  date: string;
  title: string;
  url: string | null;
  eventType: EventType;
  severity: number;
  /** Feeds that carried the story. */
  sources: number;
}

export const EVENT_ROW_COLUMNS = 'e.id, e.day AS date, e.title, e.url, e.event_type AS eventType, e.severity, e.sources';

export interface EventEntities {
  companies: Map<string, 'title' | 'body'>;
  countries: string[];
}

/** The companies and countries of the given events, read on the entities' (event_id, …) key. */
export function entitiesOf(db: Db, eventIds: number[]): Map<number, EventEntities> {
  const out = new Map<number, EventEntities>(eventIds.map((id) => [id, { companies: new Map(), countries: [] }]));
  if (eventIds.length === 0) return out;
  const rows = prepared(
    db,
    `SELECT event_id AS eventId, kind, value, named FROM exposure_event_entities
     WHERE event_id IN (SELECT value FROM json_each(?)) ORDER BY event_id, kind, value`,
  ).all(JSON.stringify(eventIds)) as { eventId: number; kind: string; value: string; named: 'title' | 'body' | null }[];
  for (const r of rows) {
    const entry = out.get(r.eventId)!;
    if (r.kind === 'company') entry.companies.set(r.value, r.named ?? 'body');
    else entry.countries.push(r.value);
  }
  return out;
}

/** Source links of the given events (the first report's URL), for titles shown without one. */
export function eventUrls(db: Db, eventIds: number[]): Map<number, string> {
  if (eventIds.length === 0) return new Map();
  const rows = prepared(db, 'SELECT id, url FROM exposure_events WHERE id IN (SELECT value FROM json_each(?)) AND url IS NOT NULL').all(JSON.stringify(eventIds)) as {
    id: number;
    url: string;
  }[];
  return new Map(rows.map((r) => [r.id, r.url]));
}
