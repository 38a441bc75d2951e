import type { Db } from '../../db';
import { dayString } from '../exposure/days';
import type { LedgerRow } from '../exposure/ledger';
import type { Presence } from '../exposure/model';
import type { EventType } from '../tagging/rules';
import { ledgersOn } from './company-ledger';
import { daysBefore } from './date-range';

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

export interface ScoreChanges {
  from: string;
  to: string;
  scoreBefore: number;
  scoreAfter: number;
  /** scoreAfter − scoreBefore; equal to the sum of the rows' changes. */
  change: number;
  /** Every event counted on either day, biggest move (up or down) first. */
  rows: ChangeRow[];
}

/**
 * What moved the score over the `days` (default 30) up to `to`: for every event in the ledger on
 * either day, its contribution at the end minus at the start. New events push the score up, fading
 * and expiring ones pull it down, and because each day's rows sum to that day's score, the changes
 * sum to the change in the score. (A row's contribution also shifts a little when others arrive,
 * since the score saturates; that shift is in the row's change too.) Support is left out.
 */
export function biggestChanges(db: Db, params: { companyId: string; to: string; days?: number }): ScoreChanges {
  const from = daysBefore(params.to, params.days ?? 30);
  const ledgers = ledgersOn(db, { companyId: params.companyId, days: [from, params.to] });
  const start = ledgers.get(from)!;
  const end = ledgers.get(params.to)!;
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
  list.sort((a, b) => Math.abs(b.change) - Math.abs(a.change) || b.date.localeCompare(a.date) || a.eventId - b.eventId);
  return { from, to: params.to, scoreBefore: start.score, scoreAfter: end.score, change: end.score - start.score, rows: list };
}
