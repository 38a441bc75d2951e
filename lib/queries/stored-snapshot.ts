import { prepared, type Db } from '../../db';
import type { BreakdownPart } from '../exposure/breakdown';
import type { ChangeRow } from '../exposure/changes';
import { dayIndex } from '../exposure/days';
import type { RowsRest } from '../exposure/ledger-cap';
import type { LedgerRow } from '../exposure/ledger';
import type { ChartMarker } from '../exposure/markers';

/*
 * Reads what the exposure job stored for a company (lib/exposure/write-snapshots.ts). Each reader
 * answers only for the day the snapshot is of; callers compute any other day on demand.
 */

export interface SnapshotHeader {
  day: string;
  score: number;
  raw: number;
  riskRows: number;
  supportScore: number;
  supportRaw: number;
  supportRows: number;
  changeFrom: string;
  scoreBefore: number;
  markersFrom: string;
}

/** The company's snapshot header when it is of `day`, else null. */
export function snapshotOn(db: Db, companyId: string, day: string): SnapshotHeader | null {
  const row = prepared(
    db,
    `SELECT day, score, raw, risk_rows AS riskRows, support_score AS supportScore, support_raw AS supportRaw, support_rows AS supportRows,
            change_from AS changeFrom, score_before AS scoreBefore, markers_from AS markersFrom
     FROM company_snapshots WHERE company_id = ?`,
  ).get(companyId) as SnapshotHeader | undefined;
  return row && row.day === day ? row : null;
}

interface StoredLedgerRow extends Omit<LedgerRow, 'day' | 'eventId'> {
  eventId: number | null;
  eventDay: string;
  rows: number;
}

/** The stored top rows of the risk or support ledger (biggest first) and the remainder row's sums. */
export function storedLedger(db: Db, companyId: string, kind: 'risk' | 'support'): { rows: LedgerRow[]; rest: RowsRest | null } {
  const stored = prepared(
    db,
    `SELECT event_id AS eventId, title, event_day AS eventDay, event_type AS eventType, route, country, presence, type_weight AS typeWeight,
            severity, confidence, route_weight AS routeWeight, decay, raw, contribution, rows
     FROM company_ledger_rows WHERE company_id = ? AND kind = ? ORDER BY rank`,
  ).all(companyId, kind) as StoredLedgerRow[];
  const rows: LedgerRow[] = [];
  let rest: RowsRest | null = null;
  for (const { eventDay, rows: count, eventId, ...r } of stored) {
    if (eventId === null) rest = { rows: count, raw: r.raw, contribution: r.contribution };
    else rows.push({ ...r, eventId, day: dayIndex(eventDay) });
  }
  return { rows, rest };
}

export function storedBreakdown(db: Db, companyId: string): { byCountry: BreakdownPart[]; byType: BreakdownPart[] } {
  const parts = prepared(db, 'SELECT by, key, contribution, rows FROM company_breakdowns WHERE company_id = ? ORDER BY contribution DESC, key').all(companyId) as (BreakdownPart & {
    by: 'country' | 'type';
  })[];
  const pick = (by: string) => parts.filter((p) => p.by === by).map(({ key, contribution, rows }) => ({ key, contribution, rows }));
  return { byCountry: pick('country'), byType: pick('type') };
}

export function storedChanges(db: Db, companyId: string): { rows: ChangeRow[]; rest: RowsRest | null } {
  const stored = prepared(
    db,
    `SELECT event_id AS eventId, title, event_day AS date, event_type AS eventType, route, country, presence, before, after, change, rows
     FROM company_changes WHERE company_id = ? ORDER BY rank`,
  ).all(companyId) as (Omit<ChangeRow, 'eventId'> & { eventId: number | null; rows: number })[];
  const rows: ChangeRow[] = [];
  let rest: RowsRest | null = null;
  for (const { rows: count, eventId, ...r } of stored) {
    if (eventId === null) rest = { rows: count, raw: 0, contribution: r.change };
    else rows.push({ ...r, eventId });
  }
  return { rows, rest };
}

export function storedMarkers(db: Db, companyId: string): ChartMarker[] {
  return prepared(
    db,
    'SELECT event_id AS eventId, day AS date, title, event_type AS eventType, score, jump FROM company_markers WHERE company_id = ? ORDER BY rank',
  ).all(companyId) as ChartMarker[];
}
