import type { EventType } from '../tagging/rules';
import { dayString } from './days';
import { eventWeight, type ExposureEvent, type Route } from './model';

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
 * The risk events that moved a company's chart most: each event's contribution to the score on
 * the day it appeared (its share, by raw weight, of that day's stored score), the biggest `limit`
 * kept and returned by date so markers can be numbered left to right. `daily` gives the stored
 * score and raw sum of a day (YYYY-MM-DD).
 */
export function pickMarkers(
  events: Iterable<ExposureEvent>,
  route: (event: ExposureEvent) => Route | null,
  daily: (day: string) => { score: number; raw: number } | undefined,
  limit: number,
): ChartMarker[] {
  const markers: ChartMarker[] = [];
  for (const event of events) {
    if (event.eventType === 'investment') continue;
    const reached = route(event);
    if (!reached) continue;
    const date = dayString(event.day);
    const day = daily(date);
    const jump = day && day.raw > 0 ? (day.score * eventWeight(event).weight * reached.weight) / day.raw : 0;
    if (jump > 0) markers.push({ eventId: event.id, date, title: event.title, eventType: event.eventType, score: day?.score ?? 0, jump });
  }
  return markers
    .sort((a, b) => b.jump - a.jump || a.eventId - b.eventId)
    .slice(0, limit)
    .sort((a, b) => a.date.localeCompare(b.date) || a.eventId - b.eventId);
}
