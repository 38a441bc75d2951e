import type { EventType } from '../tagging/rules';
import { dayString } from './days';
import type { Ledger, LedgerRow } from './ledger';
import type { Presence } from './model';

export interface ChangeRow {
  eventId: number;
  title: string;
  date: string;
  eventType: EventType;
  route: LedgerRow['route'];
  country: string | null;
  presence: Presence | null;
  /** The event's contribution to the score at the start of the window (0 if not yet, or no longer, counted). */
  before: number;
  /** Its contribution at the end of the window. */
  after: number;
  /** after − before, in score points. */
  change: number;
}

/**
 * For every event in the risk ledger on either day, its contribution at the end minus at the
 * start, biggest move (up or down) first. Because each day's rows sum to that day's score, the
 * changes sum to the change in the score.
 */
export function changesBetween(start: Ledger, end: Ledger): ChangeRow[] {
  const rows = new Map<number, ChangeRow>();
  const rowFor = (r: LedgerRow): ChangeRow => {
    let row = rows.get(r.eventId);
    if (!row) {
      row = { eventId: r.eventId, title: r.title, date: dayString(r.day), eventType: r.eventType, route: r.route, country: r.country, presence: r.presence, before: 0, after: 0, change: 0 };
      rows.set(r.eventId, row);
    }
    return row;
  };
  for (const r of start.rows) rowFor(r).before = r.contribution;
  for (const r of end.rows) rowFor(r).after = r.contribution;
  const list = [...rows.values()];
  for (const r of list) r.change = r.after - r.before;
  return list.sort((a, b) => Math.abs(b.change) - Math.abs(a.change) || b.date.localeCompare(a.date) || a.eventId - b.eventId);
}
