import type { Db } from '../../db';
import { breakdownOf, NO_COUNTRY, type BreakdownPart } from '../exposure/breakdown';
import { ledgersOn } from './company-ledger';
import { entitiesOf } from './event-rows';
import { countryName } from './places';
import { snapshotOn, storedBreakdown } from './stored-snapshot';

export { NO_COUNTRY };

export interface BreakdownRow extends BreakdownPart {
  label: string;
}

export interface ExposureBreakdown {
  byCountry: BreakdownRow[];
  byType: BreakdownRow[];
}

/**
 * A company's score on `day` split by country and by event type (lib/exposure/breakdown.ts says
 * how). Read from the exposure job's snapshot for the day it computed; for another day, from the
 * whole ledger computed on demand (every row counts, not only the biggest).
 */
export function exposureBreakdown(db: Db, params: { companyId: string; day: string }): ExposureBreakdown {
  let parts: { byCountry: BreakdownPart[]; byType: BreakdownPart[] };
  if (snapshotOn(db, params.companyId, params.day)) parts = storedBreakdown(db, params.companyId);
  else {
    const ledger = ledgersOn(db, { companyId: params.companyId, days: [params.day] }).get(params.day)!;
    const entities = entitiesOf(db, ledger.rows.filter((r) => r.route !== 'country').map((r) => r.eventId));
    parts = breakdownOf(ledger.rows, (id) => entities.get(id)?.countries ?? []);
  }
  return {
    byCountry: parts.byCountry.map((p) => ({ ...p, label: p.key === NO_COUNTRY ? 'No country named' : countryName(p.key) })),
    byType: parts.byType.map((p) => ({ ...p, label: p.key })),
  };
}
