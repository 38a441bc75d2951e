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
  const byType = new Map<EventType, { adds: Float64Array; removes: Float64Array }>();
  for (const c of contributions) {
    if (c.value === 0 || c.day > to) continue;
    const horizon = horizonDays(c.eventType);
    if (c.day + horizon < from) continue;
    let lanes = byType.get(c.eventType);
    if (!lanes) byType.set(c.eventType, (lanes = { adds: new Float64Array(n), removes: new Float64Array(n) }));
    const hl = HALF_LIFE_DAYS[c.eventType];
    const start = Math.max(c.day, from);
    lanes.adds[start - from] += c.value * 0.5 ** ((start - c.day) / hl);
    const end = c.day + horizon + 1;
    if (end <= to) lanes.removes[end - from] += c.value * 0.5 ** ((horizon + 1) / hl);
  }
  for (const [type, { adds, removes }] of byType) {
    const ratio = 0.5 ** (1 / HALF_LIFE_DAYS[type]);
    let acc = 0;
    for (let d = 0; d < n; d++) {
      acc = acc * ratio + adds[d] - removes[d];
      if (acc < 1e-12) acc = 0; // rounding left over when the last event of a type leaves
      total[d] += acc;
    }
  }
  return total;
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
