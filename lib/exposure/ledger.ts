import type { EventType } from '../tagging/rules';
import { decayFactor, eventWeight, routeOf, saturate, type CompanyPresence, type ExposureEvent, type Presence, type Route } from './model';
import { COMPANY_SCALE } from './parameters';

/** One row of a company's ledger on one day: why one event adds what it adds. */
export interface LedgerRow {
  eventId: number;
  title: string;
  /** Day of the event, days since the epoch. */
  day: number;
  eventType: EventType;
  route: 'title' | 'body' | 'country';
  country: string | null;
  presence: Presence | null;
  typeWeight: number;
  severity: number;
  confidence: number;
  routeWeight: number;
  decay: number;
  /** typeWeight × severity × confidence × routeWeight × decay. */
  raw: number;
  /** The row's share of the score, in score points: the rows sum to the score. */
  contribution: number;
}

export interface Ledger {
  score: number;
  raw: number;
  rows: LedgerRow[];
  /** Investment events reaching the company: support, shown beside the score and never subtracted. */
  support: { raw: number; score: number; rows: LedgerRow[] };
}

/**
 * A company's ledger on one day, from the events that could reach it. The score is the saturated
 * raw sum; each row's contribution is its share of the raw sum times the score, so the rows add up
 * to the score exactly and the biggest row is the biggest reason. Rows come biggest first.
 */
export function ledgerFor(
  company: CompanyPresence,
  events: Iterable<ExposureEvent>,
  day: number,
  // The exposure job passes routes it has worked out once per set of countries (company-snapshot.ts).
  route: (event: ExposureEvent) => Route | null = (event) => routeOf(company, event),
): Ledger {
  const risk: LedgerRow[] = [];
  const support: LedgerRow[] = [];
  for (const event of events) {
    const decay = decayFactor(event.eventType, day - event.day);
    if (decay === 0) continue;
    const reached = route(event);
    if (!reached) continue;
    const { typeWeight, confidence, weight } = eventWeight(event);
    if (weight === 0) continue;
    const raw = weight * reached.weight * decay;
    const row: LedgerRow = {
      eventId: event.id,
      title: event.title,
      day: event.day,
      eventType: event.eventType,
      route: reached.route,
      country: reached.country ?? null,
      presence: reached.presence ?? null,
      typeWeight,
      severity: event.severity,
      confidence,
      routeWeight: reached.weight,
      decay,
      raw,
      contribution: 0,
    };
    (event.eventType === 'investment' ? support : risk).push(row);
  }
  return { ...shareOut(risk), support: shareOut(support) };
}

function shareOut(rows: LedgerRow[]): { raw: number; score: number; rows: LedgerRow[] } {
  const raw = rows.reduce((sum, r) => sum + r.raw, 0);
  const score = saturate(raw, COMPANY_SCALE);
  for (const r of rows) r.contribution = raw > 0 ? (score * r.raw) / raw : 0;
  rows.sort((a, b) => b.raw - a.raw || b.day - a.day || a.eventId - b.eventId);
  return { raw, score, rows };
}
