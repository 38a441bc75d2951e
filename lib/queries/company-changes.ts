import type { Db } from '../../db';
import type { ChangeRow } from '../exposure/changes';
import { dayIndex } from '../exposure/days';
import { CHANGES_TOP_ROWS, type RowsRest } from '../exposure/ledger-cap';
import { changesOf } from '../exposure/reach-changes';
import { dayLedger } from '../exposure/reach-ledger';
import { CHANGE_WINDOW_DAYS } from '../exposure/snapshot-events';
import { readCompanyEvents, type ReadCompanyEvents } from './company-ledger';
import { daysBefore } from './date-range';
import { snapshotOn, storedChanges } from './stored-snapshot';

export type { ChangeRow };

export interface ScoreChanges {
  from: string;
  to: string;
  scoreBefore: number;
  scoreAfter: number;
  /** scoreAfter − scoreBefore; equal to the sum of the rows' changes plus the rest's. */
  change: number;
  /** The events counted on either day that moved most (up or down), biggest move first, at most CHANGES_TOP_ROWS. */
  rows: ChangeRow[];
  /** How many other events there were, and what their changes add up to; null when none. */
  rest: RowsRest | null;
}

/**
 * What moved the score over the `days` (default 30) up to `to`: for every event in the ledger on
 * either day, its contribution at the end minus at the start (lib/exposure/changes.ts). New events
 * push the score up, fading and expiring ones pull it down, and the changes sum to the change in
 * the score. (A row's contribution also shifts a little when others arrive, since the score
 * saturates; that shift is in the row's change too.) Support is left out. The 30 days up to the
 * day the exposure job last computed are read from its snapshot; other windows are computed.
 */
export function biggestChanges(db: Db, params: { companyId: string; to: string; days?: number }, read: ReadCompanyEvents = readCompanyEvents(db)): ScoreChanges {
  const days = params.days ?? CHANGE_WINDOW_DAYS;
  const from = daysBefore(params.to, days);
  const snapshot = days === CHANGE_WINDOW_DAYS ? snapshotOn(db, params.companyId, params.to) : null;
  if (snapshot) {
    const stored = storedChanges(db, params.companyId);
    return { from, to: params.to, scoreBefore: snapshot.scoreBefore, scoreAfter: snapshot.score, change: snapshot.score - snapshot.scoreBefore, ...stored };
  }
  // One read of the events counting on either day; both ledgers from it (lib/exposure/reach-changes.ts).
  const { presence, events } = read(params.companyId, { from, to: params.to });
  const start = dayLedger(events, dayIndex(from));
  const end = dayLedger(events, dayIndex(params.to));
  const capped = changesOf(db, presence, events, start, end, CHANGES_TOP_ROWS);
  return { from, to: params.to, scoreBefore: start.risk.score, scoreAfter: end.risk.score, change: end.risk.score - start.risk.score, ...capped };
}
