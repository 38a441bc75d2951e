import type { DigestCadence } from '../../db/schema';
import { addDays, formatLocalDate, isoWeekday, localHourToUtc, wallClock, type LocalDate } from './time-zone';

/** When a subscriber's digests fall: periods end at `hour`:00 local time, every day or on `weekday`. */
export interface Schedule {
  cadence: DigestCadence;
  hour: number;
  /** 1 = Monday … 7 = Sunday; weekly only. */
  weekday: number;
  timeZone: string;
}

export interface DigestPeriod {
  /** "daily:2026-11-24": the cadence and the local date the period ends on; the delivery key. */
  key: string;
  start: Date;
  end: Date;
}

/**
 * The last period that has ended at `now`: the one a scheduled run sends. Computed on the local
 * calendar and converted at each end, so a period spanning a daylight-saving change lasts 23 or 25
 * hours (167 or 169 for a week) and still ends at the subscriber's chosen hour.
 */
export function lastCompletedPeriod(schedule: Schedule, now: Date): DigestPeriod {
  const step = schedule.cadence === 'weekly' ? 7 : 1;
  const today = wallClock(now.getTime(), schedule.timeZone);
  let endDate = schedule.cadence === 'weekly' ? addDays(today, -((isoWeekday(today) - schedule.weekday + 7) % 7)) : today;
  if (localHourToUtc(endDate, schedule.hour, schedule.timeZone) > now.getTime()) endDate = addDays(endDate, -step);
  return periodEnding(schedule, endDate, step);
}

/** The period in progress at `now` (what `digest send --now` sends and /digests previews). */
export function currentPeriod(schedule: Schedule, now: Date): DigestPeriod {
  const step = schedule.cadence === 'weekly' ? 7 : 1;
  const last = lastCompletedPeriod(schedule, now);
  const lastEnd = wallClock(last.end.getTime(), schedule.timeZone);
  // The wall clock at a boundary may read the hour after a spring-forward jump; the date is what counts.
  return periodEnding(schedule, addDays({ year: lastEnd.year, month: lastEnd.month, day: lastEnd.day }, step), step);
}

function periodEnding(schedule: Schedule, endDate: LocalDate, step: number): DigestPeriod {
  const end = localHourToUtc(endDate, schedule.hour, schedule.timeZone);
  const start = localHourToUtc(addDays(endDate, -step), schedule.hour, schedule.timeZone);
  return { key: `${schedule.cadence}:${formatLocalDate(endDate)}`, start: new Date(start), end: new Date(end) };
}
