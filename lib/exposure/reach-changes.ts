import type { Db } from '../../db';
import type { ChangeRow } from './changes';
import { dayString } from './days';
import type { RowsRest } from './ledger-cap';
import type { CompanyPresence } from './model';
import { contributionOf, isRow, type DayLedger } from './reach-ledger';
import { exposureEventsOf, type ReachingEvents } from './reaching-events';

/**
 * changesBetween then capRows, on two days' ledgers of the same reaching events (reach-ledger.ts):
 * each risk event's contribution at the end minus at the start, the `limit` that moved most as
 * rows and the others summed, in changesBetween's order so the sums come out the same to the last
 * bit. Only the rows kept read their titles.
 */
export function changesOf(db: Db, company: CompanyPresence, events: ReachingEvents, start: DayLedger, end: DayLedger, limit: number): { rows: ChangeRow[]; rest: RowsRest | null } {
  const before = new Float64Array(events.length);
  const after = new Float64Array(events.length);
  const change = new Float64Array(events.length);
  const moved: number[] = [];
  for (let i = 0; i < events.length; i++) {
    const wasRow = isRow(events, start, i, false);
    const isRowNow = isRow(events, end, i, false);
    if (!wasRow && !isRowNow) continue;
    if (wasRow) before[i] = contributionOf(start.risk, start.raw[i]);
    if (isRowNow) after[i] = contributionOf(end.risk, end.raw[i]);
    change[i] = after[i] - before[i];
    moved.push(i);
  }
  // changesBetween's order: the biggest move, then the later day, then the lower id.
  moved.sort((a, b) => Math.abs(change[b]) - Math.abs(change[a]) || events.day[b] - events.day[a] || events.id[a] - events.id[b]);
  const kept = moved.slice(0, limit);
  const titled = exposureEventsOf(db, company, events, kept);
  const rows = kept.map((i, k): ChangeRow => {
    const route = events.route[i];
    return {
      eventId: events.id[i],
      title: titled[k].title,
      date: dayString(events.day[i]),
      eventType: events.eventType[i],
      route: route.route,
      country: route.country ?? null,
      presence: route.presence ?? null,
      before: before[i],
      after: after[i],
      change: change[i],
    };
  });
  if (moved.length <= limit) return { rows, rest: null };
  const rest: RowsRest = { rows: moved.length - limit, raw: 0, contribution: 0 };
  for (let k = limit; k < moved.length; k++) rest.contribution += change[moved[k]];
  return { rows, rest };
}
