import { prepared, type Db } from '../../db';
import { getGazetteerFor } from '../tagging/tagger-instance';
import type { EventType } from '../tagging/rules';
import { dayIndex } from './days';
import type { CompanyPresence, ExposureEvent } from './model';

interface EventRow {
  id: number;
  day: string;
  eventType: EventType;
  severity: number;
  sources: number;
  title: string;
}

const EVENT_COLUMNS = 'e.id, e.day, e.event_type AS eventType, e.severity, e.sources, e.title';

/**
 * Events as the model sees them. With `company`, only those that can reach that company: the
 * ones naming it and the ones naming a country where it is present. `fromDay` bounds the oldest.
 * (A ledger on one day reads only the events within each type's horizon, as columns:
 * reaching-events.ts.)
 */
export function loadEvents(
  db: Db,
  options: { company?: CompanyPresence; country?: string; fromDay?: string; toDay?: string } = {},
): ExposureEvent[] {
  const filters: string[] = [];
  const params: unknown[] = [];
  if (options.company) {
    // Checked per event on the entities' key: the events are driven by day (and type), not by the
    // company's countries, which for a US or Chinese company match most events ever stored.
    const countries = presenceCountries(options.company);
    filters.push(`EXISTS (SELECT 1 FROM exposure_event_entities x WHERE x.event_id = e.id
                  AND ((x.kind = 'company' AND x.value = ?) OR (x.kind = 'country' AND x.value IN (SELECT value FROM json_each(?)))))`);
    params.push(options.company.id, JSON.stringify(countries));
  }
  if (options.country) {
    filters.push(`e.id IN (SELECT event_id FROM exposure_event_entities WHERE kind = 'country' AND value = ?)`);
    params.push(options.country);
  }
  if (options.fromDay) {
    filters.push('e.day >= ?');
    params.push(options.fromDay);
  }
  if (options.toDay) {
    filters.push('e.day <= ?');
    params.push(options.toDay);
  }
  const where = filters.length ? `WHERE ${filters.join(' AND ')}` : '';
  const rows = prepared(db, `SELECT ${EVENT_COLUMNS} FROM exposure_events e ${where} ORDER BY e.day, e.id`).all(...params) as EventRow[];
  const entities = prepared(
    db,
    `SELECT x.event_id AS eventId, x.kind, x.value, x.named FROM exposure_event_entities x
     WHERE x.event_id IN (SELECT e.id FROM exposure_events e ${where})`,
  ).all(...params) as { eventId: number; kind: string; value: string; named: 'title' | 'body' | null }[];
  const byId = new Map<number, ExposureEvent & { companies: Map<string, 'title' | 'body'>; countries: string[] }>();
  const events = rows.map((r) => {
    const event = { id: r.id, day: dayIndex(r.day), eventType: r.eventType, severity: r.severity, sources: r.sources, title: r.title, companies: new Map(), countries: [] };
    byId.set(r.id, event);
    return event;
  });
  for (const x of entities) {
    const event = byId.get(x.eventId);
    if (!event) continue;
    if (x.kind === 'company') event.companies.set(x.value, x.named ?? 'body');
    else event.countries.push(x.value);
  }
  return events;
}

export function presenceCountries(company: CompanyPresence): string[] {
  return [...new Set([company.hq, ...company.sites, ...Object.keys(company.salesShare)])];
}

/** The gazetteer's companies (custom ones included) with where they are, for the country route. */
export function companyPresences(db: Db): CompanyPresence[] {
  return getGazetteerFor(db).companies.map(presenceOf);
}

export function presenceOf(company: { id: string; hq: string; sites: string[]; revenueShare?: Record<string, number | string> }): CompanyPresence {
  const salesShare: Record<string, number> = {};
  for (const [country, share] of Object.entries(company.revenueShare ?? {})) {
    if (typeof share === 'number' && /^[A-Z]{2}$/.test(country)) salesShare[country] = share;
  }
  return { id: company.id, hq: company.hq, sites: company.sites, salesShare };
}
