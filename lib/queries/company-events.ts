import { prepared, type Db } from '../../db';
import { dayIndex } from '../exposure/days';
import { presenceCountries } from '../exposure/load-events';
import { routeOf, type Presence } from '../exposure/model';
import { presenceOfCompany } from './company-ledger';
import type { DateRange } from './date-range';
import { entitiesOf, EVENT_ROW_COLUMNS, type EventRow } from './event-rows';

export interface CompanyEventRow extends EventRow {
  /** How the event reaches the company: named in a title or body, or through a country where it is present. */
  route: 'title' | 'body' | 'country';
  country: string | null;
  presence: Presence | null;
}

export interface CompanyEvents {
  rows: CompanyEventRow[];
  page: number;
  hasMore: boolean;
}

/**
 * Events that name the company, or a country where it is present, in the range. Walked latest
 * first on the day index with a check per event, so a page stops after its rows: building the set
 * of every event reaching a US or Chinese company first read most events ever stored.
 */
const REACHING = `e.day BETWEEN ? AND ? AND EXISTS (SELECT 1 FROM exposure_event_entities x WHERE x.event_id = e.id
  AND ((x.kind = 'company' AND x.value = ?) OR (x.kind = 'country' AND x.value IN (SELECT value FROM json_each(?)))))`;

/**
 * The company's events in the range, latest first, support (investment) included: those naming it
 * and those reaching it through a country, marked with the country and presence. Paged by offset;
 * one extra row is read to tell whether an older page exists.
 */
export function companyEvents(db: Db, params: { companyId: string; page?: number; pageSize?: number } & DateRange): CompanyEvents {
  const presence = presenceOfCompany(db, params.companyId);
  const pageSize = params.pageSize ?? 25;
  const page = Math.max(1, params.page ?? 1);
  const rows = prepared(db, `SELECT ${EVENT_ROW_COLUMNS} FROM exposure_events e WHERE ${REACHING} ORDER BY e.day DESC, e.id DESC LIMIT ? OFFSET ?`).all(
    params.from,
    params.to,
    presence.id,
    JSON.stringify(presenceCountries(presence)),
    pageSize + 1,
    (page - 1) * pageSize,
  ) as EventRow[];
  const shown = rows.slice(0, pageSize);
  const entities = entitiesOf(db, shown.map((r) => r.id));
  return {
    rows: shown.map((r) => {
      const { companies, countries } = entities.get(r.id)!;
      const route = routeOf(presence, { ...r, day: dayIndex(r.date), companies, countries });
      return { ...r, route: route?.route ?? 'country', country: route?.country ?? null, presence: route?.presence ?? null };
    }),
    page,
    hasMore: rows.length > pageSize,
  };
}
