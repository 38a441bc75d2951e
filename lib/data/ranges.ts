import 'server-only';
import { getDb } from '../../db';
import { ExposureQueryError } from '../queries/company-exposure';
import { resolveRange, type DateRange } from '../queries/date-range';

/**
 * The range a page shows, from its URL. A bad value does not break the page: the default range is
 * shown with the reason, so a mistyped link still leads somewhere.
 */
export async function readRange(params: { from?: string; to?: string }): Promise<{ range: DateRange; error: string | null }> {
  const db = getDb();
  try {
    return { range: resolveRange(db, params), error: null };
  } catch (err) {
    if (!(err instanceof ExposureQueryError)) throw err;
    return { range: resolveRange(db, {}), error: err.message };
  }
}
