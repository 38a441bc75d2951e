import { prepared, type Db } from '../../db';
import { CHART_MARKERS } from '../exposure/ledger-cap';
import type { ChartMarker } from '../exposure/markers';
import { markersOf } from '../exposure/reach-markers';
import { reachingEvents } from '../exposure/reaching-events';
import { presenceOfCompany } from './company-ledger';
import type { DateRange } from './date-range';
import { snapshotOn, storedMarkers } from './stored-snapshot';

export type { ChartMarker };

/**
 * The risk events that moved the company's chart most in the range (lib/exposure/markers.ts).
 * For the pages' default range (the year to the day the exposure job last computed), read from
 * its snapshot; for any other range, computed from the range's events and the stored daily scores.
 */
export function chartMarkers(db: Db, params: { companyId: string; limit?: number } & DateRange): ChartMarker[] {
  const limit = params.limit ?? CHART_MARKERS;
  const snapshot = snapshotOn(db, params.companyId, params.to);
  if (snapshot && snapshot.markersFrom === params.from && limit === CHART_MARKERS) return storedMarkers(db, params.companyId);
  const presence = presenceOfCompany(db, params.companyId);
  const events = reachingEvents(db, presence, { dated: { from: params.from, to: params.to } });
  const daily = new Map(
    (
      prepared(db, 'SELECT day, score, raw FROM company_exposure_daily WHERE company_id = ? AND day BETWEEN ? AND ?').all(presence.id, params.from, params.to) as {
        day: string;
        score: number;
        raw: number;
      }[]
    ).map((r) => [r.day, r]),
  );
  return markersOf(db, presence, events, (day) => daily.get(day), limit);
}
