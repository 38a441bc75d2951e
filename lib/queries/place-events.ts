import { getGazetteerFor } from '../tagging/tagger-instance';
import { prepared, type Db } from '../../db';
import type { DateRange } from './date-range';
import { entitiesOf, EVENT_ROW_COLUMNS, type EventRow } from './event-rows';

export interface PlaceEventRow extends EventRow {
  /** Which of the place's countries the event names. */
  countries: string[];
  /** Companies the event names, with where. */
  companies: { id: string; name: string; named: 'title' | 'body' }[];
}

export interface PlaceEvents {
  rows: PlaceEventRow[];
  page: number;
  hasMore: boolean;
}

/** Events naming any of the countries (a country, or a region's members) in the range, latest first, paged by offset. */
export function placeEvents(db: Db, params: { countries: string[]; page?: number; pageSize?: number } & DateRange): PlaceEvents {
  const pageSize = params.pageSize ?? 25;
  const page = Math.max(1, params.page ?? 1);
  const rows = prepared(
    db,
    `SELECT ${EVENT_ROW_COLUMNS} FROM exposure_events e
     WHERE e.day BETWEEN ? AND ? AND e.id IN (SELECT event_id FROM exposure_event_entities WHERE kind = 'country' AND value IN (SELECT value FROM json_each(?)))
     ORDER BY e.day DESC, e.id DESC LIMIT ? OFFSET ?`,
  ).all(params.from, params.to, JSON.stringify(params.countries), pageSize + 1, (page - 1) * pageSize) as EventRow[];
  const shown = rows.slice(0, pageSize);
  const entities = entitiesOf(db, shown.map((r) => r.id));
  const mine = new Set(params.countries);
  const companies = getGazetteerFor(db).companyById;
  return {
    rows: shown.map((r) => {
      const e = entities.get(r.id)!;
      return {
        ...r,
        countries: e.countries.filter((c) => mine.has(c)),
        companies: [...e.companies].map(([id, named]) => ({ id, name: companies.get(id)?.name ?? id, named })),
      };
    }),
    page,
    hasMore: rows.length > pageSize,
  };
}
