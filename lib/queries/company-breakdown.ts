import type { Db } from '../../db';
import { breakdownOf, NO_COUNTRY, type BreakdownPart } from '../exposure/breakdown';
import { dayIndex } from '../exposure/days';
import { dayLedger, riskRowsInOrder, contributionOf } from '../exposure/reach-ledger';
import { readCompanyEvents, type ReadCompanyEvents } from './company-ledger';
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
export function exposureBreakdown(db: Db, params: { companyId: string; day: string }, read: ReadCompanyEvents = readCompanyEvents(db)): ExposureBreakdown {
  let parts: { byCountry: BreakdownPart[]; byType: BreakdownPart[] };
  if (snapshotOn(db, params.companyId, params.day)) parts = storedBreakdown(db, params.companyId);
  else {
    // breakdownOf itself, over every risk row in the ledger's order, each row a few fields of the
    // reaching events' columns: the same parts as from the full ledger, to the last bit.
    const { events } = read(params.companyId, { from: params.day, to: params.day });
    const ledger = dayLedger(events, dayIndex(params.day));
    const rows = riskRowsInOrder(events, ledger).map((i) => {
      const route = events.route[i];
      return { eventId: events.id[i], eventType: events.eventType[i], route: route.route, country: route.country ?? null, contribution: contributionOf(ledger.risk, ledger.raw[i]) };
    });
    parts = breakdownOf(rows, (id) => events.namedCountries.get(id) ?? []);
  }
  return {
    byCountry: parts.byCountry.map((p) => ({ ...p, label: p.key === NO_COUNTRY ? 'No country named' : countryName(p.key) })),
    byType: parts.byType.map((p) => ({ ...p, label: p.key })),
  };
}
