import { describe, expect, it } from 'vitest';
import { currentPeriod, lastCompletedPeriod, type Schedule } from '../../lib/digest/period';
import { canonicalTimeZone, localHourToUtc } from '../../lib/digest/time-zone';

const at = (iso: string) => new Date(iso);
const daily = (hour: number, timeZone: string): Schedule => ({ cadence: 'daily', hour, weekday: 1, timeZone });
const weekly = (weekday: number, hour: number, timeZone: string): Schedule => ({ cadence: 'weekly', hour, weekday, timeZone });
const iso = (p: { start: Date; end: Date }) => [p.start.toISOString(), p.end.toISOString()];
const HOUR = 3_600_000;

describe('digest periods, with the clock injected', () => {
  it('a daily period ends at the local hour: before it, the day before is the last complete one', () => {
    // 08:00 in Tokyo is 23:00 UTC the day before.
    const tokyo = daily(8, 'Asia/Tokyo');
    expect(lastCompletedPeriod(tokyo, at('2026-05-10T22:59:00Z'))).toEqual({ key: 'daily:2026-05-10', start: at('2026-05-08T23:00:00Z'), end: at('2026-05-09T23:00:00Z') });
    expect(lastCompletedPeriod(tokyo, at('2026-05-10T23:00:00Z')).key).toBe('daily:2026-05-11');
    expect(currentPeriod(tokyo, at('2026-05-10T22:59:00Z')).key).toBe('daily:2026-05-11');
  });

  it('the same instant falls in different periods for subscribers in different zones', () => {
    const now = at('2026-05-11T06:30:00Z');
    // 07:30 in London (BST): today's 07:00 digest is due; 02:30 in New York: yesterday's is the last.
    expect(lastCompletedPeriod(daily(7, 'Europe/London'), now).key).toBe('daily:2026-05-11');
    expect(lastCompletedPeriod(daily(7, 'Europe/London'), now).end).toEqual(at('2026-05-11T06:00:00Z'));
    expect(lastCompletedPeriod(daily(7, 'America/New_York'), now).key).toBe('daily:2026-05-10');
    expect(lastCompletedPeriod(daily(7, 'America/New_York'), now).end).toEqual(at('2026-05-10T11:00:00Z'));
    expect(lastCompletedPeriod(daily(7, 'UTC'), now).key).toBe('daily:2026-05-10');
    expect(lastCompletedPeriod(daily(6, 'UTC'), now).key).toBe('daily:2026-05-11');
  });

  it('a weekly period runs from the chosen weekday and hour to the same a week later', () => {
    // Monday 9:00 in New York; 2026-05-11 is a Monday.
    const ny = weekly(1, 9, 'America/New_York');
    expect(iso(lastCompletedPeriod(ny, at('2026-05-11T12:59:00Z')))).toEqual(['2026-04-27T13:00:00.000Z', '2026-05-04T13:00:00.000Z']);
    expect(lastCompletedPeriod(ny, at('2026-05-11T13:00:00Z'))).toEqual({ key: 'weekly:2026-05-11', start: at('2026-05-04T13:00:00Z'), end: at('2026-05-11T13:00:00Z') });
    // Midweek: still the week that ended on Monday.
    expect(lastCompletedPeriod(ny, at('2026-05-14T03:00:00Z')).key).toBe('weekly:2026-05-11');
    expect(currentPeriod(ny, at('2026-05-14T03:00:00Z')).key).toBe('weekly:2026-05-18');
    // Friday digests.
    expect(lastCompletedPeriod(weekly(5, 17, 'Asia/Singapore'), at('2026-05-14T03:00:00Z')).key).toBe('weekly:2026-05-08');
  });

  it('across the spring daylight-saving change the week is 167 hours and the day 23, still ending at the local hour', () => {
    // Europe/Amsterdam moves from +01:00 to +02:00 on Sunday 2026-03-29.
    const week = lastCompletedPeriod(weekly(1, 8, 'Europe/Amsterdam'), at('2026-03-30T09:00:00Z'));
    expect(iso(week)).toEqual(['2026-03-23T07:00:00.000Z', '2026-03-30T06:00:00.000Z']);
    expect(week.end.getTime() - week.start.getTime()).toBe(167 * HOUR);
    const day = lastCompletedPeriod(daily(8, 'Europe/Amsterdam'), at('2026-03-29T12:00:00Z'));
    expect(iso(day)).toEqual(['2026-03-28T07:00:00.000Z', '2026-03-29T06:00:00.000Z']);
    expect(day.end.getTime() - day.start.getTime()).toBe(23 * HOUR);
  });

  it('across the autumn change the day is 25 hours; in New York too', () => {
    const day = lastCompletedPeriod(daily(8, 'America/New_York'), at('2026-11-01T14:00:00Z'));
    expect(iso(day)).toEqual(['2026-10-31T12:00:00.000Z', '2026-11-01T13:00:00.000Z']);
    expect(day.end.getTime() - day.start.getTime()).toBe(25 * HOUR);
    // An hour before 8:00 EST (13:00 UTC) the period is still the previous one.
    expect(lastCompletedPeriod(daily(8, 'America/New_York'), at('2026-11-01T12:30:00Z')).key).toBe('daily:2026-10-31');
  });

  it('an hour the clock skips ends the period when the clock jumps, and a repeated hour at its first occurrence', () => {
    // 02:00 does not exist in Amsterdam on 2026-03-29 (01:00 UTC jumps from 02:00 to 03:00).
    expect(new Date(localHourToUtc({ year: 2026, month: 3, day: 29 }, 2, 'Europe/Amsterdam')).toISOString()).toBe('2026-03-29T01:00:00.000Z');
    // 01:00 happens twice in New York on 2026-11-01: first at 05:00 UTC (EDT).
    expect(new Date(localHourToUtc({ year: 2026, month: 11, day: 1 }, 1, 'America/New_York')).toISOString()).toBe('2026-11-01T05:00:00.000Z');
    const skipped = lastCompletedPeriod(daily(2, 'Europe/Amsterdam'), at('2026-03-29T01:30:00Z'));
    expect(skipped.key).toBe('daily:2026-03-29');
    // From 02:00 CET on the 28th to the jump (02:00 CET = 03:00 CEST): a full 24 hours.
    expect(iso(skipped)).toEqual(['2026-03-28T01:00:00.000Z', '2026-03-29T01:00:00.000Z']);
  });

  it('time zones are checked and canonicalised', () => {
    expect(canonicalTimeZone('Europe/Amsterdam')).toBe('Europe/Amsterdam');
    expect(canonicalTimeZone('utc')).toBe('UTC');
    expect(canonicalTimeZone('Mars/Olympus_Mons')).toBeNull();
    expect(canonicalTimeZone('')).toBeNull();
  });
});
