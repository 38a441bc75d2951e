import type { Db } from '../../db';
import { dayString } from './days';
import type { ChartMarker } from './markers';
import type { CompanyPresence } from './model';
import { exposureEventsOf, type ReachingEvents } from './reaching-events';
import { topK } from './top-k';

/**
 * pickMarkers on a range's reaching events as columns (reaching-events.ts): each risk event's
 * share of the stored score on its own day, worked out as pickMarkers does, the biggest `limit`
 * kept (then by date). Only those read their titles.
 */
export function markersOf(
  db: Db,
  company: CompanyPresence,
  events: ReachingEvents,
  daily: (day: string) => { score: number; raw: number } | undefined,
  limit: number,
): ChartMarker[] {
  const jump = new Float64Array(events.length);
  const dates = new Map<number, string>();
  const dateOf = (day: number) => {
    let date = dates.get(day);
    if (date === undefined) dates.set(day, (date = dayString(day)));
    return date;
  };
  for (let i = 0; i < events.length; i++) {
    if (events.eventType[i] === 'investment') continue;
    const day = daily(dateOf(events.day[i]));
    jump[i] = day && day.raw > 0 ? (day.score * events.weight[i] * events.route[i].weight) / day.raw : 0;
  }
  const top = topK(events.length, limit, (i) => jump[i] > 0, (a, b) => jump[a] > jump[b] || (jump[a] === jump[b] && events.id[a] < events.id[b]));
  const titled = exposureEventsOf(db, company, events, top);
  return top
    .map((i, k): ChartMarker => {
      const date = dateOf(events.day[i]);
      return { eventId: events.id[i], date, title: titled[k].title, eventType: events.eventType[i], score: daily(date)?.score ?? 0, jump: jump[i] };
    })
    .sort((a, b) => a.date.localeCompare(b.date) || a.eventId - b.eventId);
}
