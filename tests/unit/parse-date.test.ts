import { describe, expect, it } from 'vitest';
import { clampToNow, parseFeedDate } from '../../lib/feeds/parse-date';

describe('parseFeedDate', () => {
  it.each([
    ['Sun, 21 May 2023 09:15:00 GMT', '2023-05-21T09:15:00.000Z'],
    ['Sun, 21 May 2023 17:15:00 +0800', '2023-05-21T09:15:00.000Z'],
    ['21 May 2023 09:15:00 UT', '2023-05-21T09:15:00.000Z'],
    ['Mon, 22 May 2023 03:15:00 EDT', '2023-05-22T07:15:00.000Z'],
    ['Tue, 03 Oct 2023 10:00:00 CEST', '2023-10-03T08:00:00.000Z'],
    ['Wed, 12 Jul 2023 09:00:00 JST', '2023-07-12T00:00:00.000Z'],
    ['Fri, 07 Oct 2022 16:30:00 +05:30', '2022-10-07T11:00:00.000Z'],
    ['2023-05-21T09:15:00Z', '2023-05-21T09:15:00.000Z'],
    ['2023-05-21T17:15:00+08:00', '2023-05-21T09:15:00.000Z'],
    ['2023-05-21', '2023-05-21T00:00:00.000Z'],
    ['  2024-04-03T07:58:00.123+08:00 ', '2024-04-02T23:58:00.123Z'],
  ])('parses %s', (input, expected) => {
    expect(parseFeedDate(input)?.toISOString()).toBe(expected);
  });

  it.each([[''], ['   '], ['yesterday'], ['not a date at all'], ['0001-01-01T00:00:00Z'], [undefined], [null]])(
    'returns undefined for %s',
    (input) => {
      expect(parseFeedDate(input as string | undefined)).toBeUndefined();
    },
  );

  it('clamps future dates to now', () => {
    const now = new Date('2026-01-01T00:00:00Z');
    expect(clampToNow(new Date('2030-01-01T00:00:00Z'), now)).toEqual(now);
    const past = new Date('2023-05-21T00:00:00Z');
    expect(clampToNow(past, now)).toEqual(past);
  });
});
