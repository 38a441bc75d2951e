import fs from 'node:fs';
import path from 'node:path';
import { isUtf8 } from 'node:buffer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { feeds, items } from '../../db/schema';
import { loadSampleArchive, SAMPLE_DIR } from '../../lib/feeds/load-sample';
import { parseFeedText } from '../../lib/feeds/parse-feed';
import { decodeFeedBytes } from '../../lib/feeds/decode';
import { createTempDb } from '../helpers/temp-db';

let temp: ReturnType<typeof createTempDb>;
const files = fs.readdirSync(SAMPLE_DIR).filter((f) => f.endsWith('.xml'));

beforeAll(async () => {
  temp = createTempDb();
  await loadSampleArchive(temp.db);
});
afterAll(() => temp.cleanup());

describe('the bundled sample archive', () => {
  it('has at least 5 feeds mixing RSS 2.0, Atom and RSS 1.0, one of them not UTF-8', () => {
    expect(files.length).toBeGreaterThanOrEqual(5);
    const kinds = new Set(
      files.map((f) => {
        const head = fs.readFileSync(path.join(SAMPLE_DIR, f)).subarray(0, 400).toString('latin1');
        return head.includes('<rss') ? 'rss2' : head.includes('<feed') ? 'atom' : head.includes('<rdf:RDF') ? 'rdf' : 'other';
      }),
    );
    expect(kinds).toEqual(new Set(['rss2', 'atom', 'rdf']));
    const nonUtf8 = files.filter((f) => !isUtf8(fs.readFileSync(path.join(SAMPLE_DIR, f))));
    expect(nonUtf8.length).toBeGreaterThanOrEqual(1);
  });

  it('says in every feed title and description that it is sample data', async () => {
    for (const file of files) {
      const decoded = decodeFeedBytes(fs.readFileSync(path.join(SAMPLE_DIR, file)));
      const parsed = await parseFeedText(decoded.text);
      expect(parsed.title, file).toMatch(/sample/i);
      const description = /<(description|subtitle)>([\s\S]*?)<\/\1>/.exec(decoded.text)?.[2] ?? '';
      expect(description, file).toMatch(/sample|样本|示例/i);
    }
  });

  it('loads at least 200 distinct items through the ingest path, dated 2018 to 2026', () => {
    const rows = temp.db.select({ title: items.title, publishedAt: items.publishedAt, dateFromFeed: items.dateFromFeed }).from(items).all();
    expect(rows.length).toBeGreaterThanOrEqual(230);
    expect(new Set(rows.map((r) => r.title)).size).toBe(rows.length);
    for (const r of rows) {
      expect(r.dateFromFeed).toBe(true);
      expect(r.publishedAt.getUTCFullYear()).toBeGreaterThanOrEqual(2018);
      expect(r.publishedAt.getUTCFullYear()).toBeLessThanOrEqual(2026);
    }
    expect(temp.db.select().from(feeds).all().every((f) => f.kind === 'sample' && f.lastStatus === 'ok')).toBe(true);
  });

  it('decodes the non-UTF-8 feeds into readable text', () => {
    const titles = temp.db.select({ title: items.title }).from(items).all().map((r) => r.title);
    expect(titles.some((t) => t.includes('美光'))).toBe(true);
    expect(titles.some((t) => /[’“”–é]/.test(t))).toBe(true);
    expect(titles.some((t) => t.includes('\ufffd'))).toBe(false);
  });

  it('covers the events the archive promises', () => {
    const text = temp.db.select({ t: items.title, s: items.summary }).from(items).all().map((r) => `${r.t} ${r.s}`).join('\n');
    for (const needle of [/Huawei/, /SMIC/, /YMTC|Yangtze Memory/, /gallium/i, /germanium/i, /rare[- ]earth/i, /Micron/, /Raimondo/, /CHIPS/, /tariff/i, /Nexperia/, /earthquake|quake/i, /fire/i, /ASML/, /Japan/]) {
      expect(text, String(needle)).toMatch(needle);
    }
  });

  it.each([
    ['the October 2022 controls', '2022-10-07', '2022-10-14', /export|control|rule/i],
    ['the October 2023 update', '2023-10-17', '2023-10-20', /export|control|rule/i],
    ['the Micron ban and the US response', '2023-05-21', '2023-06-02', /Micron|美光/],
    ['Nexperia in 2025', '2025-10-01', '2025-11-30', /Nexperia|安世/],
  ])('has items on %s on their real dates', (_what, from, to, pattern) => {
    const rows = temp.db.select({ t: items.title, s: items.summary, at: items.publishedAt }).from(items).all();
    const inRange = rows.filter((r) => r.at >= new Date(`${from}T00:00:00Z`) && r.at <= new Date(`${to}T23:59:59Z`));
    expect(inRange.filter((r) => pattern.test(`${r.t} ${r.s}`)).length).toBeGreaterThanOrEqual(2);
  });

  it('is idempotent: loading it again adds nothing', async () => {
    const before = temp.db.select({ id: items.id }).from(items).all().length;
    const outcomes = await loadSampleArchive(temp.db);
    expect(outcomes.reduce((n, o) => n + o.inserted + o.updated, 0)).toBe(0);
    expect(temp.db.select({ id: items.id }).from(items).all().length).toBe(before);
  });
});
