import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepared } from '../../db';
import { loadSampleArchive } from '../../lib/feeds/load-sample';
import { rebuildExposure } from '../../lib/exposure/update-exposure';
import { chartMarkers } from '../../lib/queries/chart-markers';
import { exposureBreakdown } from '../../lib/queries/company-breakdown';
import { biggestChanges } from '../../lib/queries/company-changes';
import { companyEvents } from '../../lib/queries/company-events';
import { companyExposure, ExposureQueryError } from '../../lib/queries/company-exposure';
import { listCompanies } from '../../lib/queries/company-list';
import { resolveRange } from '../../lib/queries/date-range';
import { exposedCompanies } from '../../lib/queries/exposed-companies';
import { placeEvents } from '../../lib/queries/place-events';
import { countryPressure, pressuresOn, regionPressure } from '../../lib/queries/place-pressure';
import { regionInfo } from '../../lib/queries/places';
import { createTempDb } from '../helpers/temp-db';

// The day after Raimondo's statement on the Micron ban: the sample's most telling week.
const NOW = new Date('2023-06-01T12:00:00Z');
const DAY = '2023-06-01';
let temp: ReturnType<typeof createTempDb>;

beforeAll(async () => {
  temp = createTempDb();
  await loadSampleArchive(temp.db);
  rebuildExposure(temp.db, NOW);
});
afterAll(() => temp.cleanup());

const storedScore = (id: string, day: string) =>
  (prepared(temp.db, 'SELECT score FROM company_exposure_daily WHERE company_id = ? AND day = ?').get(id, day) as { score: number } | undefined)?.score ?? 0;
const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

describe('company list', () => {
  it('ranks by score, highest first, with the latest computed day as now', () => {
    const list = listCompanies(temp.db, { pageSize: 500 });
    expect(list.day).toBe(DAY);
    expect(list.total).toBeGreaterThan(100);
    const scores = list.rows.map((r) => r.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(list.rows.find((r) => r.id === 'micron')!.score).toBeCloseTo(storedScore('micron', DAY), 9);
  });

  it('gives the 30-day change as the score now minus the stored score 30 days earlier, and a 90-day sparkline ending at now', () => {
    const micron = listCompanies(temp.db, { q: 'micron' }).rows.find((r) => r.id === 'micron')!;
    expect(micron.change).toBeCloseTo(storedScore('micron', DAY) - storedScore('micron', '2023-05-02'), 9);
    expect(micron.change).toBeGreaterThan(15); // the ban of 2023-05-21
    expect(micron.sparkline).toHaveLength(90);
    expect(micron.sparkline.at(-1)).toBeCloseTo(micron.score, 9);
    expect(micron.sparkline[0]).toBeCloseTo(storedScore('micron', '2023-03-04'), 9);
    const series = companyExposure(temp.db, 'micron', { from: '2023-05-02', to: DAY }).series;
    expect(micron.change).toBeCloseTo(series.at(-1)!.score - series[0].score, 1);
  });

  it('sorts by change, name and segment, either way', () => {
    const all = { pageSize: 500 };
    const changes = listCompanies(temp.db, { ...all, sort: 'change' }).rows.map((r) => r.change);
    expect(changes).toEqual([...changes].sort((a, b) => b - a));
    const names = listCompanies(temp.db, { ...all, sort: 'name' }).rows.map((r) => r.name);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'en')));
    expect(listCompanies(temp.db, { ...all, sort: 'name', dir: 'desc' }).rows.map((r) => r.name)).toEqual([...names].reverse());
    const segments = listCompanies(temp.db, { ...all, sort: 'segment' }).rows.map((r) => r.segment);
    expect(segments).toEqual([...segments].sort((a, b) => a.localeCompare(b, 'en')));
  });

  it('searches names and aliases, ignoring case and spaces around', () => {
    expect(listCompanies(temp.db, { q: '  MICRON ' }).rows.map((r) => r.id)).toContain('micron');
    expect(listCompanies(temp.db, { q: '美光' }).rows.map((r) => r.id)).toEqual(['micron']);
    expect(listCompanies(temp.db, { q: 'Taiwan Semiconductor Manufacturing' }).rows.map((r) => r.id)).toContain('tsmc');
    const none = listCompanies(temp.db, { q: 'no such company' });
    expect(none).toMatchObject({ total: 0, rows: [], page: 1, pageCount: 1 });
  });

  it('pages without overlap', () => {
    const first = listCompanies(temp.db, { sort: 'name', pageSize: 10 });
    const second = listCompanies(temp.db, { sort: 'name', pageSize: 10, page: 2 });
    expect(first.pageCount).toBe(Math.ceil(first.total / 10));
    expect(second.rows).toHaveLength(10);
    expect(second.rows.map((r) => r.id).some((id) => first.rows.some((r) => r.id === id))).toBe(false);
    expect(listCompanies(temp.db, { pageSize: 10, page: 9999 }).page).toBe(first.pageCount);
  });
});

describe('company detail', () => {
  const exposure = () => companyExposure(temp.db, 'micron', { to: DAY });

  it('splits the score by country and by event type without losing a point', () => {
    const { score, ledger, rows } = exposure();
    const { byCountry, byType } = exposureBreakdown(temp.db, { companyId: 'micron', day: DAY });
    expect(sum(byCountry.map((r) => r.contribution))).toBeCloseTo(score, 9);
    expect(sum(byType.map((r) => r.contribution))).toBeCloseTo(score, 9);
    expect(sum(byType.map((r) => r.rows))).toBe(rows);
    const ban = ledger.find((r) => r.eventType === 'import-ban' && r.route === 'title')!;
    expect(byType.find((r) => r.key === 'import-ban')!.contribution).toBeGreaterThanOrEqual(ban.contribution);
    // The ban names Micron and China: its points count under China.
    expect(byCountry.find((r) => r.key === 'CN')!.contribution).toBeGreaterThan(ban.contribution / 2);
  });

  it('explains the 30-day change as per-event changes that add up to it', () => {
    const changes = biggestChanges(temp.db, { companyId: 'micron', to: DAY });
    expect(changes.from).toBe('2023-05-02');
    expect(changes.scoreAfter).toBeCloseTo(exposure().score, 9);
    expect(changes.change).toBeCloseTo(changes.scoreAfter - changes.scoreBefore, 9);
    expect(sum(changes.rows.map((r) => r.change)) + (changes.rest?.contribution ?? 0)).toBeCloseTo(changes.change, 9);
    expect(changes.change).toBeCloseTo(storedScore('micron', DAY) - storedScore('micron', '2023-05-02'), 1);
    expect(changes.rows[0]).toMatchObject({ eventType: 'import-ban', route: 'title', before: 0 });
    const magnitudes = changes.rows.map((r) => Math.abs(r.change));
    expect(magnitudes).toEqual([...magnitudes].sort((a, b) => b - a));
  });

  it('lists the company’s events latest first, marking those that reach it through a country', () => {
    const range = { from: '2022-06-01', to: DAY };
    const page = companyEvents(temp.db, { companyId: 'micron', ...range, pageSize: 500 });
    const dates = page.rows.map((r) => r.date);
    expect(dates).toEqual([...dates].sort().reverse());
    expect(dates.every((d) => d >= range.from && d <= range.to)).toBe(true);
    expect(page.rows.find((r) => r.eventType === 'import-ban')).toMatchObject({ route: 'title', country: null });
    const viaCountry = page.rows.filter((r) => r.route === 'country');
    expect(viaCountry.length).toBeGreaterThan(0);
    expect(viaCountry.every((r) => r.country && r.presence)).toBe(true);
    // Every event of the ledger on the last day is among them (within the range).
    const ids = new Set(page.rows.map((r) => r.id));
    expect(exposure().ledger.filter((r) => r.date >= range.from).every((r) => ids.has(r.eventId))).toBe(true);

    const first = companyEvents(temp.db, { companyId: 'micron', ...range, pageSize: 5 });
    const second = companyEvents(temp.db, { companyId: 'micron', ...range, pageSize: 5, page: 2 });
    expect(first.hasMore).toBe(true);
    expect([...first.rows, ...second.rows].map((r) => r.id)).toEqual(page.rows.slice(0, 10).map((r) => r.id));
  });

  it('marks the events that moved the chart, in date order', () => {
    const markers = chartMarkers(temp.db, { companyId: 'micron', from: '2022-06-02', to: DAY, limit: 5 });
    expect(markers.length).toBeGreaterThan(0);
    expect(markers.length).toBeLessThanOrEqual(5);
    expect(markers.map((m) => m.date)).toEqual(markers.map((m) => m.date).sort());
    const ban = markers.find((m) => m.eventType === 'import-ban');
    expect(ban?.date).toBe('2023-05-21');
    expect(ban!.jump).toBeGreaterThan(10);
    expect(ban!.score).toBeCloseTo(storedScore('micron', '2023-05-21'), 9);
    expect(ban!.jump).toBeLessThanOrEqual(ban!.score);
  });
});

describe('country and region', () => {
  const range = { from: '2023-01-01', to: DAY };

  it('reads a country’s stored pressure index, one point per day', () => {
    const series = countryPressure(temp.db, { country: 'CN', ...range });
    expect(series).toHaveLength(152);
    const stored = prepared(temp.db, 'SELECT "index" AS v FROM country_pressure_daily WHERE country = ? AND day = ?').get('CN', DAY) as { v: number };
    expect(series.at(-1)!.index).toBeCloseTo(stored.v, 2);
    expect(pressuresOn(temp.db, { day: DAY }).CN).toBeCloseTo(stored.v, 2);
  });

  it('computes a region as one country: alone, a member gives its own index; together, at least each member’s', () => {
    const cn = countryPressure(temp.db, { country: 'CN', ...range });
    const alone = regionPressure(temp.db, { countries: ['CN'], ...range });
    alone.forEach((p, i) => expect(p.index).toBeCloseTo(cn[i].index, 1));
    const eastAsia = regionInfo('east-asia')!.countries.map((c) => c.code);
    const region = regionPressure(temp.db, { countries: eastAsia, ...range });
    const jp = countryPressure(temp.db, { country: 'JP', ...range });
    region.forEach((p, i) => expect(p.index).toBeGreaterThanOrEqual(Math.max(cn[i].index, jp[i].index) - 0.01));
  });

  it('lists events naming the place, latest first', () => {
    const events = placeEvents(temp.db, { countries: ['JP', 'KR'], ...range, pageSize: 100 });
    expect(events.rows.length).toBeGreaterThan(0);
    expect(events.rows.every((e) => e.countries.length > 0 && e.countries.every((c) => c === 'JP' || c === 'KR'))).toBe(true);
    const dates = events.rows.map((e) => e.date);
    expect(dates).toEqual([...dates].sort().reverse());
  });

  it('lists the companies exposed through the place, with presence and current score, highest first', () => {
    const companies = exposedCompanies(temp.db, { countries: ['CN'], day: DAY });
    expect(companies.find((c) => c.id === 'micron')).toMatchObject({ presences: [{ country: 'CN', presence: 'site', share: null }] });
    expect(companies.find((c) => c.id === 'smic')!.presences[0].presence).toBe('headquarters');
    expect(companies.find((c) => c.id === 'micron')!.score).toBeCloseTo(storedScore('micron', DAY), 9);
    const scores = companies.map((c) => c.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(companies.every((c) => c.presences.length > 0)).toBe(true);
  });
});

describe('ranges from the URL', () => {
  it('defaults to the year up to the latest day and rejects bad input with a message', () => {
    expect(resolveRange(temp.db, {})).toEqual({ from: '2022-06-02', to: DAY });
    expect(resolveRange(temp.db, { from: '', to: '2023-05-01' })).toEqual({ from: '2022-05-02', to: '2023-05-01' });
    expect(() => resolveRange(temp.db, { from: '2023-02-30' })).toThrow(ExposureQueryError);
    expect(() => resolveRange(temp.db, { from: '2023-06-02', to: '2023-06-01' })).toThrow(/after/);
    expect(() => resolveRange(temp.db, { from: '2000-01-01', to: '2023-06-01' })).toThrow(/over/);
  });
});
