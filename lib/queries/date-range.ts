import type { Db } from '../../db';
import { dayIndex, dayString, isDay } from '../exposure/days';
import { ExposureQueryError, latestExposureDay } from './company-exposure';

export interface DateRange {
  /** First day, YYYY-MM-DD (UTC). */
  from: string;
  /** Last day, YYYY-MM-DD (UTC): the day a ledger or "score now" is read on. */
  to: string;
}

/** Pages and the API default to the year up to the latest computed day. */
export const DEFAULT_RANGE_DAYS = 365;
export const MAX_RANGE_DAYS = 3660;

/**
 * A range from optional URL values: an empty value counts as absent (a date input left blank sends
 * ""). Throws ExposureQueryError with a message fit for a 400 or for the page to show.
 */
export function resolveRange(db: Db, input: { from?: string | null; to?: string | null }): DateRange {
  const given = { from: input.from || undefined, to: input.to || undefined };
  for (const [name, value] of Object.entries(given)) {
    if (value !== undefined && !isDay(value)) throw new ExposureQueryError(`${name} must be a date as YYYY-MM-DD, got ${JSON.stringify(value)}`);
  }
  const to = given.to ?? latestExposureDay(db);
  const from = given.from ?? dayString(dayIndex(to) - (DEFAULT_RANGE_DAYS - 1));
  if (from > to) throw new ExposureQueryError(`from (${from}) is after to (${to})`);
  if (dayIndex(to) - dayIndex(from) >= MAX_RANGE_DAYS) throw new ExposureQueryError(`the range is over ${MAX_RANGE_DAYS} days; ask for less`);
  return { from, to };
}

/** Every day of a range, in order. */
export function daysOf(range: DateRange): string[] {
  const out: string[] = [];
  for (let d = dayIndex(range.from); d <= dayIndex(range.to); d++) out.push(dayString(d));
  return out;
}

/** The day `n` days before `day`. */
export function daysBefore(day: string, n: number): string {
  return dayString(dayIndex(day) - n);
}
