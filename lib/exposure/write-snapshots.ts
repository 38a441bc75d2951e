import { prepared, type Db } from '../../db';
import { companySnapshot, type CappedLedger, type CompanySnapshot } from './company-snapshot';
import { CHANGE_WINDOW_DAYS, MARKER_RANGE_DAYS, snapshotEvents } from './snapshot-events';
import { dayString } from './days';
import { loadEvents } from './load-events';
import { horizonDays, type CompanyPresence, type ExposureEvent } from './model';
import { EVENT_TYPES } from '../tagging/rules';

const MAX_HORIZON = Math.max(...EVENT_TYPES.map(horizonDays));

/**
 * Computes and stores the snapshots (company-snapshot.ts) of the given companies for `day` (days
 * since the epoch), replacing what they had. `loaded`, when given, must hold at least every event
 * from the longest horizon before the changes window to `day`, by day then id. Run by the exposure job after the daily series are
 * written, since the chart markers read them. One read of the events serves every company.
 */
export function writeSnapshots(db: Db, companies: readonly CompanyPresence[], day: number, loaded?: readonly ExposureEvent[]): number {
  if (companies.length === 0) return 0;
  // A rebuild passes the events it has already read (every one); an update reads those the day needs.
  const events = loaded ?? loadEvents(db, { fromDay: dayString(day - CHANGE_WINDOW_DAYS - MAX_HORIZON), toDay: dayString(day) });
  const shared = snapshotEvents(events, day);
  const daily = prepared(db, 'SELECT day, score, raw FROM company_exposure_daily WHERE company_id = ? AND day BETWEEN ? AND ?');
  let rows = 0;
  for (const company of companies) {
    // Read on first use: a company no event of the chart's range reaches needs none of its days.
    let stored: Map<string, { score: number; raw: number }> | undefined;
    const dailyOn = (d: string) => {
      stored ??= new Map(
        (daily.all(company.id, dayString(day - (MARKER_RANGE_DAYS - 1)), dayString(day)) as { day: string; score: number; raw: number }[]).map((r) => [r.day, r]),
      );
      return stored.get(d);
    };
    rows += storeSnapshot(db, companySnapshot(company, shared, dailyOn));
  }
  return rows;
}

function storeSnapshot(db: Db, s: CompanySnapshot): number {
  for (const table of ['company_snapshots', 'company_ledger_rows', 'company_breakdowns', 'company_changes', 'company_markers']) {
    prepared(db, `DELETE FROM ${table} WHERE company_id = ?`).run(s.companyId);
  }
  prepared(
    db,
    `INSERT INTO company_snapshots (company_id, day, score, raw, risk_rows, support_score, support_raw, support_rows, change_from, score_before, markers_from)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(s.companyId, s.day, s.risk.score, s.risk.raw, s.risk.total, s.support.score, s.support.raw, s.support.total, s.changes.from, s.changes.scoreBefore, s.markersFrom);
  let rows = 1 + storeLedger(db, s.companyId, 'risk', s.risk) + storeLedger(db, s.companyId, 'support', s.support);

  const insertPart = prepared(db, 'INSERT INTO company_breakdowns (company_id, by, key, contribution, rows) VALUES (?, ?, ?, ?, ?)');
  for (const [by, parts] of [['country', s.breakdown.byCountry], ['type', s.breakdown.byType]] as const) {
    for (const p of parts) insertPart.run(s.companyId, by, p.key, p.contribution, p.rows);
    rows += parts.length;
  }

  const insertChange = prepared(
    db,
    `INSERT INTO company_changes (company_id, rank, event_id, title, event_day, event_type, route, country, presence, before, after, change, rows)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  s.changes.rows.forEach((r, rank) => insertChange.run(s.companyId, rank, r.eventId, r.title, r.date, r.eventType, r.route, r.country, r.presence, r.before, r.after, r.change, 1));
  if (s.changes.rest) insertChange.run(s.companyId, s.changes.rows.length, null, '', s.day, null, null, null, null, 0, 0, s.changes.rest.contribution, s.changes.rest.rows);
  rows += s.changes.rows.length + (s.changes.rest ? 1 : 0);

  const insertMarker = prepared(db, 'INSERT INTO company_markers (company_id, rank, event_id, day, title, event_type, score, jump) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
  s.markers.forEach((m, rank) => insertMarker.run(s.companyId, rank, m.eventId, m.date, m.title, m.eventType, m.score, m.jump));
  return rows + s.markers.length;
}

function storeLedger(db: Db, companyId: string, kind: 'risk' | 'support', ledger: CappedLedger): number {
  const insert = prepared(
    db,
    `INSERT INTO company_ledger_rows (company_id, kind, rank, event_id, title, event_day, event_type, route, country, presence,
       type_weight, severity, confidence, route_weight, decay, raw, contribution, rows)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  ledger.rows.forEach((r, rank) =>
    insert.run(companyId, kind, rank, r.eventId, r.title, dayString(r.day), r.eventType, r.route, r.country, r.presence, r.typeWeight, r.severity, r.confidence, r.routeWeight, r.decay, r.raw, r.contribution, 1),
  );
  // The remainder row: what every row past the top adds up to, and how many they are.
  if (ledger.rest) {
    insert.run(companyId, kind, ledger.rows.length, null, '', '', null, null, null, null, null, null, null, null, null, ledger.rest.raw, ledger.rest.contribution, ledger.rest.rows);
  }
  return ledger.rows.length + (ledger.rest ? 1 : 0);
}
