/**
 * Wall-clock arithmetic in IANA time zones with nothing but Intl, so periods follow each
 * subscriber's clock through daylight-saving changes without a date library.
 */

export interface LocalDate {
  year: number;
  month: number;
  day: number;
}

/** The zone's canonical name, or null when Intl does not know it. */
export function canonicalTimeZone(name: string): string | null {
  if (!name || name.length > 64) return null;
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The wall clock in `timeZone` at a UTC instant. */
export function wallClock(ms: number, timeZone: string): LocalDate & { hour: number; minute: number; second: number } {
  const parts: Record<string, number> = {};
  for (const p of formatterFor(timeZone).formatToParts(new Date(ms))) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  return { year: parts.year, month: parts.month, day: parts.day, hour: parts.hour, minute: parts.minute, second: parts.second };
}

/** How far the zone's clock is ahead of UTC at an instant, in ms. */
function offsetAt(ms: number, timeZone: string): number {
  const w = wallClock(ms, timeZone);
  const seconds = Math.floor(ms / 1000) * 1000;
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - seconds;
}

/**
 * The UTC instant at which the zone's clock shows `hour`:00 on a local date. When the clock jumps
 * over that hour (spring forward) it is the instant of the jump; when it shows the hour twice
 * (fall back) it is the first time.
 */
export function localHourToUtc(date: LocalDate, hour: number, timeZone: string): number {
  const naive = Date.UTC(date.year, date.month - 1, date.day, hour);
  // The offsets in force half a day either side cover any transition on that date.
  const before = naive - offsetAt(naive - 12 * 3_600_000, timeZone);
  const after = naive - offsetAt(naive + 12 * 3_600_000, timeZone);
  const shows = (t: number) => {
    const w = wallClock(t, timeZone);
    return w.year === date.year && w.month === date.month && w.day === date.day && w.hour === hour && w.minute === 0;
  };
  const matching = [before, after].filter(shows);
  if (matching.length) return Math.min(...matching);
  return before;
}

export function addDays(date: LocalDate, days: number): LocalDate {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** ISO weekday of a calendar date: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: LocalDate): number {
  return new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay() || 7;
}

export function formatLocalDate(date: LocalDate): string {
  return `${date.year}-${String(date.month).padStart(2, '0')}-${String(date.day).padStart(2, '0')}`;
}

/** YYYY-MM-DD of an instant on the zone's calendar. */
export function localDay(ms: number, timeZone: string): string {
  return formatLocalDate(wallClock(ms, timeZone));
}
