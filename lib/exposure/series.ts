import type { EventType } from '../tagging/rules';
import { eventWeight, horizonDays, routeOf, type CompanyPresence, type ExposureEvent } from './model';
import { HALF_LIFE_DAYS } from './parameters';

/** One weighted event, before decay: what a day-by-day series adds up. */
export interface Contribution {
  day: number;
  eventType: EventType;
  value: number;
}

/**
 * The day-by-day sum of decayed contributions over [from, to], equal (to rounding) to summing each
 * day's ledger, in O(types × days + contributions) instead of O(days × events): per type, yesterday's
 * total decays by one day's factor, today's events are added, and events passing the horizon are
 * taken out with exactly the value they had left.
 */
export function decayedSeries(contributions: Iterable<Contribution>, from: number, to: number): Float64Array {
  const n = Math.max(0, to - from + 1);
  const total = new Float64Array(n);
  addDecayed(total, contributions, from, to, 1);
  return total;
}

/**
 * Adds `factor` × the decayed series of the contributions into `total` (covering [from, to]).
 * Only the days between the first contribution and the end of the last horizon are walked, so a
 * sparse list over a long range stays cheap.
 */
export function addDecayed(total: Float64Array, contributions: Iterable<Contribution>, from: number, to: number, factor: number): void {
  const n = total.length;
  const byType = new Map<EventType, { adds: Float64Array; removes: Float64Array; first: number; last: number }>();
  for (const c of contributions) {
    if (c.value === 0 || c.day > to) continue;
    const horizon = horizonDays(c.eventType);
    if (c.day + horizon < from) continue;
    let lanes = byType.get(c.eventType);
    if (!lanes) byType.set(c.eventType, (lanes = { adds: new Float64Array(n), removes: new Float64Array(n), first: n, last: -1 }));
    const hl = HALF_LIFE_DAYS[c.eventType];
    const start = Math.max(c.day, from);
    lanes.adds[start - from] += c.value * 0.5 ** ((start - c.day) / hl);
    lanes.first = Math.min(lanes.first, start - from);
    const end = c.day + horizon + 1;
    if (end <= to) lanes.removes[end - from] += c.value * 0.5 ** ((horizon + 1) / hl);
    lanes.last = Math.max(lanes.last, Math.min(n - 1, end - from));
  }
  for (const [type, { adds, removes, first, last }] of byType) {
    const ratio = 0.5 ** (1 / HALF_LIFE_DAYS[type]);
    let acc = 0;
    for (let d = first; d <= last; d++) {
      acc = acc * ratio + adds[d] - removes[d];
      if (Math.abs(acc) < 1e-12) acc = 0; // rounding left over when the last event of a type leaves
      total[d] += factor * acc;
    }
  }
}

/** A company's raw risk and support series over [from, to], from the events that can reach it. */
export function companySeries(company: CompanyPresence, events: Iterable<ExposureEvent>, from: number, to: number): { raw: Float64Array; support: Float64Array } {
  const risk: Contribution[] = [];
  const support: Contribution[] = [];
  for (const event of events) {
    const route = routeOf(company, event);
    if (!route) continue;
    const value = eventWeight(event).weight * route.weight;
    (event.eventType === 'investment' ? support : risk).push({ day: event.day, eventType: event.eventType, value });
  }
  return { raw: decayedSeries(risk, from, to), support: decayedSeries(support, from, to) };
}

/** A country's raw policy-pressure series: every risk event naming the country, at full weight. */
export function countrySeries(events: Iterable<ExposureEvent>, from: number, to: number): Float64Array {
  const contributions: Contribution[] = [];
  for (const event of events) {
    if (event.eventType === 'investment') continue;
    contributions.push({ day: event.day, eventType: event.eventType, value: eventWeight(event).weight });
  }
  return decayedSeries(contributions, from, to);
}

/**
 * Every company's raw risk and support series at once, equal to companySeries() for each but far
 * cheaper when events are many: an event reaches a company through a country by the company's
 * strongest presence among the event's countries, which depends only on the event's set of
 * countries. So events are summed per (set of countries, type) and decayed once per set, each
 * company takes its presence factor of every set, and the events that name a company are then
 * corrected from the country route to the named route.
 */
export function allCompanySeries(events: readonly ExposureEvent[], companies: readonly CompanyPresence[], from: number, to: number): Map<string, { raw: Float64Array; support: Float64Array }> {
  const n = Math.max(0, to - from + 1);
  const result = new Map(companies.map((c) => [c.id, { raw: new Float64Array(n), support: new Float64Array(n) }]));
  const bySet = new Map<string, { countries: readonly string[]; events: ExposureEvent[] }>();
  const named = new Map<string, ExposureEvent[]>();
  for (const e of events) {
    const key = [...e.countries].sort().join(' ');
    let set = bySet.get(key);
    if (!set) bySet.set(key, (set = { countries: e.countries, events: [] }));
    set.events.push(e);
    for (const id of e.companies.keys()) {
      const list = named.get(id);
      if (list) list.push(e);
      else named.set(id, [e]);
    }
  }
  const noNames = new Map<string, 'title' | 'body'>();
  for (const { countries, events: setEvents } of bySet.values()) {
    // A stand-in event with this set of countries and no names: its route to a company is the country route.
    const probe = { id: 0, day: 0, severity: 1, sources: 1, title: '', companies: noNames, countries };
    const types = new Set(setEvents.map((e) => e.eventType));
    for (const eventType of types) {
      const reached = companies.flatMap((c) => {
        const route = routeOf(c, { ...probe, eventType });
        return route ? [{ id: c.id, weight: route.weight }] : [];
      });
      if (reached.length === 0) continue;
      const decayed = decayedSeries(
        setEvents.filter((e) => e.eventType === eventType).map((e) => ({ day: e.day, eventType, value: eventWeight(e).weight })),
        from,
        to,
      );
      for (const { id, weight } of reached) {
        const target = eventType === 'investment' ? result.get(id)!.support : result.get(id)!.raw;
        for (let d = 0; d < n; d++) target[d] += weight * decayed[d];
      }
    }
  }
  for (const company of companies) {
    const list = named.get(company.id);
    if (!list) continue;
    const risk: Contribution[] = [];
    const support: Contribution[] = [];
    for (const e of list) {
      const countryRoute = routeOf(company, { ...e, companies: noNames });
      const namedRoute = routeOf(company, e)!;
      const value = eventWeight(e).weight * (namedRoute.weight - (countryRoute?.weight ?? 0));
      (e.eventType === 'investment' ? support : risk).push({ day: e.day, eventType: e.eventType, value });
    }
    const series = result.get(company.id)!;
    addDecayed(series.raw, risk, from, to, 1);
    addDecayed(series.support, support, from, to, 1);
  }
  for (const series of result.values()) {
    // Corrections can leave rounding dust below zero where a named route replaced a country route.
    for (const arr of [series.raw, series.support]) for (let d = 0; d < n; d++) if (arr[d] < 1e-9) arr[d] = 0;
  }
  return result;
}
