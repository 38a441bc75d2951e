import { describe, expect, it } from 'vitest';
import { csvField, csvLine } from '../../lib/queries/events-csv';
import { toFtsQuery } from '../../lib/queries/fts-query';
import { MARK_CLOSE as C, MARK_OPEN as O, splitHighlights, stripHighlights } from '../../lib/queries/highlight';

describe('toFtsQuery', () => {
  it.each([
    ['micron ban', '"micron" "ban"'],
    ['  "entity list"  huawei ', '"entity list" "huawei"'],
    ['export*', '"export"*'],
    ['micron OR nvidia', '"micron" "OR" "nvidia"'],
    ['NEAR(a b)', '"NEAR(a" "b)"'],
    ['"unbalanced phrase', '"unbalanced phrase"'],
    ['title:micron', '"title:micron"'],
    ['美光 禁令', '"美光" "禁令"'],
  ])('quotes %j as %j', (input, output) => {
    expect(toFtsQuery(input)).toBe(output);
  });

  it.each(['"', '""', '*', '(', ') (', '-', '^', '   '])('has nothing to search in %j', (input) => {
    expect(toFtsQuery(input)).toBeNull();
  });

  it('keeps at most 16 terms', () => {
    expect(toFtsQuery(Array.from({ length: 40 }, (_, i) => `w${i}`).join(' '))!.split(' ')).toHaveLength(16);
  });
});

describe('splitHighlights', () => {
  it('splits marked text into runs', () => {
    expect(splitHighlights(`a ${O}b${C} c ${O}d${C}`)).toEqual([
      { text: 'a ', marked: false },
      { text: 'b', marked: true },
      { text: ' c ', marked: false },
      { text: 'd', marked: true },
    ]);
  });

  it('keeps markup-looking text as plain text and survives stray markers', () => {
    expect(splitHighlights(`<img onerror=x> ${O}<script>`)).toEqual([
      { text: '<img onerror=x> ', marked: false },
      { text: '<script>', marked: true },
    ]);
    expect(splitHighlights(`${C}x${C}y`).map((s) => s.text).join('')).toBe('xy');
    expect(stripHighlights(`${O}a${C}b`)).toBe('ab');
  });
});

describe('CSV', () => {
  it('quotes every field, doubles quotes, and ends lines with CRLF', () => {
    expect(csvLine(['a', 'b,c', 'say "hi"', 'line\nbreak'])).toBe('"a","b,c","say ""hi""","line\nbreak"\r\n');
  });

  it.each(['=1+1', '+1', '-1', '@SUM(A1)', '\t=1', '\r=1'])('neutralises the formula-looking cell %j', (value) => {
    expect(csvField(value)).toBe(`"'${value}"`);
  });
});
