import { prepared, type Db } from '../../db';
import { dayString } from '../exposure/days';
import { loadEvents } from '../exposure/load-events';
import { eventWeight, routeOf } from '../exposure/model';
import type { EventType } from '../tagging/rules';
import { presenceOfCompany } from './company-ledger';
import type { DateRange } from './date-range';

export interface ChartMarker {
  eventId: number;
  date: string;
  title: string;
  eventType: EventType;
  /** The score on the event's day, where the marker sits on the line. */
  score: number;
  /** Points the event added to the score on its own day (its ledger contribution that day). */
  jump: number;
}

/**
 * The risk events that moved the company's chart most in the range: each event's contribution to
 * the score on the day it appeared (its share, by raw weight, of that day's stored score), biggest
 * `limit` kept and returned by date so markers can be numbered left to right.
 */
export function chartMarkers(db: Db, params: { companyId: string; limit?: number } & DateRange): ChartMarker[] {
  const presence = presenceOfCompany(db, params.companyId);
  const candidates = loadEvents(db, { company: presence, fromDay: params.from, toDay: params.to }).flatMap((event) => {
    if (event.eventType === 'investment') return [];
    const route = routeOf(presence, event);
    return route ? [{ event, raw: eventWeight(event).weight * route.weight }] : [];
  });
  if (candidates.length === 0) return [];
  const days = [...new Set(candidates.map((c) => dayString(c.event.day)))];
  const daily = new Map(
    (
      prepared(db, 'SELECT day, score, raw FROM company_exposure_daily WHERE company_id = ? AND day IN (SELECT value FROM json_each(?))').all(
        presence.id,
        JSON.stringify(days),
      ) as { day: string; score: number; raw: number }[]
    ).map((r) => [r.day, r]),
  );
  return candidates
    .map(({ event, raw }) => {
      const date = dayString(event.day);
      const day = daily.get(date);
      const jump = day && day.raw > 0 ? (day.score * raw) / day.raw : 0;
      return { eventId: event.id, date, title: event.title, eventType: event.eventType, score: day?.score ?? 0, jump };
    })
    .filter((m) => m.jump > 0)
    .sort((a, b) => b.jump - a.jump || a.eventId - b.eventId)
    .slice(0, params.limit ?? 6)
    .sort((a, b) => a.date.localeCompare(b.date) || a.eventId - b.eventId);
}
