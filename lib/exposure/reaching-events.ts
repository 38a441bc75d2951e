import { prepared, type Db } from '../../db';
import { EVENT_TYPES, type EventType } from '../tagging/rules';
import { dayIndex, dayString } from './days';
import { presenceCountries } from './load-events';
import { eventWeight, horizonDays, routeOf, type CompanyPresence, type ExposureEvent, type Route } from './model';

/**
 * The events that can reach one company, as columns. Everything a ledger needs of an event except
 * its title, which only the rows kept need (`exposureEventsOf`). At a million items a large
 * company is reached by ~50,000 events on one day: as objects with their entities (loadEvents)
 * they took ~0.8 s to read, as these columns from exposure_events_reach_idx ~45–50 ms.
 */
export interface ReachingEvents {
  length: number;
  id: Float64Array;
  /** Days since the epoch. */
  day: Int32Array;
  eventType: EventType[];
  severity: Float64Array;
  sources: Int32Array;
  /** How the event reaches the company (routeOf): objects shared by the events that reach it alike. */
  route: Route[];
  /** The event's own weight (eventWeight): type weight × severity × confidence. */
  weight: Float64Array;
  /** The events' indexes by day, then id: loadEvents' order, in which ledgerFor adds up the rows. */
  order: Int32Array;
  /** The countries of the events naming the company, by id (the breakdown splits those rows over them). */
  namedCountries: Map<number, string[]>;
}

/** Events that count on at least one day of `activeOn` (each type within its horizon), or dated in `dated`. */
export type EventSpan = { activeOn: { from: string; to: string } } | { dated: { from: string; to: string } };

type Row = [id: number, day: number, severity: number, sources: number, countries: string];

export function reachingEvents(db: Db, company: CompanyPresence, span: EventSpan): ReachingEvents {
  const to = 'activeOn' in span ? span.activeOn.to : span.dated.to;
  const lowest = (type: EventType) => ('activeOn' in span ? dayString(dayIndex(span.activeOn.from) - horizonDays(type)) : span.dated.from);
  // Plain arrays while reading (their length is not known before), typed arrays once read.
  const id: number[] = [];
  const day: number[] = [];
  const severity: number[] = [];
  const sources: number[] = [];
  const weight: number[] = [];
  const eventType: EventType[] = [];
  const route: Route[] = [];
  const add = (r: Readonly<Row> | readonly [...Row, ...unknown[]], type: EventType, reached: Route) => {
    id.push(r[0]);
    day.push(r[1]);
    severity.push(r[2]);
    sources.push(r[3]);
    weight.push(eventWeight({ eventType: type, severity: r[2], sources: r[3] }).weight);
    eventType.push(type);
    route.push(reached);
  };

  // The copies of the event's countries and companies beside it are searched for the company and
  // for each country where it is present, so each type's days are read from the reach index alone.
  // The searches only narrow (bare substring tests: delimiting the codes cost ~7 ms more); the
  // lists are then read exactly, and routeOf decides. An event not naming the company reaches it
  // by its type and countries alone: one routeOf per pair.
  const present = presenceCountries(company);
  const namedAs = `${company.id}=`;
  // The rows come back as one JSON array per type: JSON.parse builds ~50,000 small arrays faster
  // than the driver builds them row by row (~35 against ~48 ms for Micron at a million items).
  const reaching = prepared(
    db,
    `SELECT json_group_array(json_array(e.id, unixepoch(e.day) / 86400, e.severity, e.sources, e.countries,
              CASE WHEN instr(e.companies, ?) > 0 THEN e.companies END))
     FROM exposure_events e INDEXED BY exposure_events_reach_idx
     WHERE e.event_type = ? AND e.day BETWEEN ? AND ? AND (${['instr(e.companies, ?) > 0', ...present.map(() => 'instr(e.countries, ?) > 0')].join(' OR ')})`,
  ).pluck(true);
  const namedCountries = new Map<number, string[]>();
  const namedRoutes = new Map<string, Route>();
  const noNames = new Map<string, 'title' | 'body'>();
  for (const type of EVENT_TYPES) {
    const routes = new Map<string, Route | null>();
    // Read a type at a time and kept as numbers: the row arrays die young. Keeping ~50,000 of them
    // until the end cost ~50 ms more of garbage collection per read (CPU profile, Micron).
    const rows = JSON.parse(reaching.get(namedAs, type, lowest(type), to, namedAs, ...present) as string) as [...Row, string | null][];
    for (const r of rows) {
      const named = r[5] === null ? null : namedIn(r[5], company.id);
      let route: Route | null | undefined;
      if (named) {
        namedCountries.set(r[0], countryList(r[4]));
        route = namedRoutes.get(named);
        if (!route) namedRoutes.set(named, (route = routeOf(company, eventOf(r, type, new Map([[company.id, named]])))!));
      } else {
        route = routes.get(r[4]);
        if (route === undefined) routes.set(r[4], (route = routeOf(company, eventOf(r, type, noNames))));
      }
      // Null for a code found inside another, or a country listed with a sales share of 0: no presence, as ledgerFor would find.
      if (route) add(r, type, route);
    }
  }
  return {
    length: id.length,
    id: Float64Array.from(id),
    day: Int32Array.from(day),
    eventType,
    severity: Float64Array.from(severity),
    sources: Int32Array.from(sources),
    route,
    weight: Float64Array.from(weight),
    order: byDayThenId(day, id),
    namedCountries,
  };
}

function eventOf(r: Readonly<Row> | readonly [...Row, ...unknown[]], eventType: EventType, companies: ReadonlyMap<string, 'title' | 'body'>): ExposureEvent {
  return { id: r[0], day: r[1], eventType, severity: r[2], sources: r[3], title: '', companies, countries: countryList(r[4]) };
}

/** Indexes by day, then id: a counting sort on the day, then the few events of each day by id. */
function byDayThenId(day: readonly number[], id: readonly number[]): Int32Array {
  const n = day.length;
  const order = new Int32Array(n);
  if (n === 0) return order;
  let first = Infinity;
  let last = -Infinity;
  for (const d of day) {
    first = Math.min(first, d);
    last = Math.max(last, d);
  }
  const start = new Int32Array(last - first + 2);
  for (const d of day) start[d - first + 1]++;
  for (let d = 1; d < start.length; d++) start[d] += start[d - 1];
  const next = start.slice();
  for (let i = 0; i < n; i++) order[next[day[i] - first]++] = i;
  for (let d = 0; d + 1 < start.length; d++) {
    // Insertion sort by id within one day: a few dozen events.
    for (let i = start[d] + 1; i < start[d + 1]; i++) {
      const v = order[i];
      let j = i - 1;
      while (j >= start[d] && id[order[j]] > id[v]) {
        order[j + 1] = order[j];
        j--;
      }
      order[j + 1] = v;
    }
  }
  return order;
}

/** How `companies` (exposure_events.companies) names the company: 'title', 'body', or null when it does not. */
function namedIn(companies: string, companyId: string): 'title' | 'body' | null {
  for (const entry of companies.split(',')) {
    const at = entry.lastIndexOf('=');
    if (entry.slice(0, at) === companyId) return entry.slice(at + 1) === 'title' ? 'title' : 'body';
  }
  return null;
}

export function countryList(countries: string): string[] {
  return countries === '' ? [] : countries.split(',');
}

/**
 * The events at the given indexes as the model's objects, titles read, for building the few
 * ledger rows a page shows with ledgerFor itself. Only the company's own name is filled in: all
 * that routeOf looks at.
 */
export function exposureEventsOf(db: Db, company: CompanyPresence, events: ReachingEvents, indexes: readonly number[]): ExposureEvent[] {
  const ids = indexes.map((i) => events.id[i]);
  const stored = new Map(
    (prepared(db, 'SELECT id, title, countries FROM exposure_events WHERE id IN (SELECT value FROM json_each(?))').all(JSON.stringify(ids)) as { id: number; title: string; countries: string }[]).map(
      (r) => [r.id, r],
    ),
  );
  return indexes.map((i) => {
    const route = events.route[i].route;
    const row = stored.get(events.id[i]);
    return {
      id: events.id[i],
      day: events.day[i],
      eventType: events.eventType[i],
      severity: events.severity[i],
      sources: events.sources[i],
      title: row?.title ?? '',
      companies: route === 'country' ? new Map() : new Map([[company.id, route]]),
      countries: countryList(row?.countries ?? ''),
    };
  });
}
