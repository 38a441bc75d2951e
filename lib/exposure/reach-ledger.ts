import type { Db } from '../../db';
import { EVENT_TYPES, type EventType } from '../tagging/rules';
import type { CappedLedger } from './company-snapshot';
import { ledgerFor } from './ledger';
import type { RowsRest } from './ledger-cap';
import { decayFactor, horizonDays, saturate, type CompanyPresence } from './model';
import { COMPANY_SCALE } from './parameters';
import { exposureEventsOf, type ReachingEvents } from './reaching-events';
import { topK } from './top-k';

/*
 * A company's ledger on one day from its reaching events as columns (reaching-events.ts), giving
 * the same numbers as ledgerFor over the same events then capRows, to the last bit: each raw value
 * is multiplied in ledgerFor's order, the sums add in its order (events by day, then id; the rest
 * biggest first, as capRows walks the sorted rows), and the rows kept are built by ledgerFor
 * itself. Only those rows become objects.
 */

export interface LedgerTotals {
  /** Sum of the rows' raw values, added in event order as ledgerFor does. */
  raw: number;
  score: number;
  rows: number;
}

/** Each event's raw value on one day, whether it is a row of that day's ledger, and the sums. */
export interface DayLedger {
  day: number;
  raw: Float64Array;
  counted: Uint8Array;
  risk: LedgerTotals;
  support: LedgerTotals;
}

export function dayLedger(events: ReachingEvents, day: number): DayLedger {
  const raw = new Float64Array(events.length);
  const counted = new Uint8Array(events.length);
  const risk = { raw: 0, score: 0, rows: 0 };
  const support = { raw: 0, score: 0, rows: 0 };
  // decayFactor's values, worked out once per type and age: tens of thousands of events share a
  // few thousand. NaN marks an age not worked out yet; ages outside the horizon decay to 0.
  const decays = new Map<EventType, Float64Array>(EVENT_TYPES.map((type) => [type, new Float64Array(horizonDays(type) + 1).fill(NaN)]));
  for (const i of events.order) {
    const type = events.eventType[i];
    const age = day - events.day[i];
    const byAge = decays.get(type)!;
    let decay = age >= 0 && age < byAge.length ? byAge[age] : 0;
    if (Number.isNaN(decay)) byAge[age] = decay = decayFactor(type, age);
    // ledgerFor's tests, in its order: decayed away (or not yet), then no weight.
    if (decay === 0 || events.weight[i] === 0) continue;
    raw[i] = events.weight[i] * events.route[i].weight * decay;
    counted[i] = 1;
    const totals = events.eventType[i] === 'investment' ? support : risk;
    totals.raw += raw[i];
    totals.rows++;
  }
  risk.score = saturate(risk.raw, COMPANY_SCALE);
  support.score = saturate(support.raw, COMPANY_SCALE);
  return { day, raw, counted, risk, support };
}

/** Whether event `i` is a row of the risk (or support) ledger of the day. */
export function isRow(events: ReachingEvents, ledger: DayLedger, i: number, support: boolean): boolean {
  return ledger.counted[i] === 1 && (events.eventType[i] === 'investment') === support;
}

/** A row's share of the score, as ledgerFor's shareOut works it out. */
export function contributionOf(totals: LedgerTotals, raw: number): number {
  return totals.raw > 0 ? (totals.score * raw) / totals.raw : 0;
}

/** shareOut's order, biggest first: raw, then the later day, then the lower id. */
export function rowBefore(events: ReachingEvents, raw: Float64Array, a: number, b: number): boolean {
  return raw[a] > raw[b] || (raw[a] === raw[b] && (events.day[a] > events.day[b] || (events.day[a] === events.day[b] && events.id[a] < events.id[b])));
}

/** The risk (or support) ledger capped as capRows caps it: the biggest `limit` rows, then the rest's sums. */
export function cappedLedger(db: Db, company: CompanyPresence, events: ReachingEvents, ledger: DayLedger, support: boolean, limit: number): CappedLedger {
  const totals = support ? ledger.support : ledger.risk;
  const keep = (i: number) => isRow(events, ledger, i, support);
  const top = topK(events.length, limit, keep, (a, b) => rowBefore(events, ledger.raw, a, b));
  const built = ledgerFor(company, exposureEventsOf(db, company, events, top), ledger.day);
  const rows = support ? built.support.rows : built.rows;
  for (const r of rows) r.contribution = contributionOf(totals, r.raw);
  let rest: RowsRest | null = null;
  if (totals.rows > limit) {
    // The rows past the first `limit` in shareOut's order hold the smallest raw values, and rows of
    // equal raw add equal amounts: summing the values from the biggest down adds what capRows adds.
    const values = new Float64Array(totals.rows);
    let m = 0;
    for (let i = 0; i < events.length; i++) if (keep(i)) values[m++] = ledger.raw[i];
    values.sort();
    rest = { rows: totals.rows - limit, raw: 0, contribution: 0 };
    for (let j = totals.rows - 1 - limit; j >= 0; j--) {
      rest.raw += values[j];
      rest.contribution += contributionOf(totals, values[j]);
    }
  }
  return { score: totals.score, raw: totals.raw, total: totals.rows, rows, rest };
}

/** Every risk row's index in shareOut's order (for what needs the whole ledger in order, such as the breakdowns). */
export function riskRowsInOrder(events: ReachingEvents, ledger: DayLedger): number[] {
  const rows: number[] = [];
  for (let i = 0; i < events.length; i++) if (isRow(events, ledger, i, false)) rows.push(i);
  const { raw } = ledger;
  const { day, id } = events;
  return rows.sort((a, b) => raw[b] - raw[a] || day[b] - day[a] || id[a] - id[b]);
}
