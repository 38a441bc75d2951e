import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { companyExposureDaily, countryPressureDaily, exposureEventEntities, exposureEvents, items } from '../../db/schema';
import { loadSampleArchive } from '../../lib/feeds/load-sample';
import { rebuildExposure, updateExposure } from '../../lib/exposure/update-exposure';
import { companyExposure } from '../../lib/queries/company-exposure';
import { getGazetteer } from '../../lib/tagging/gazetteer';
import { setManualTag } from '../../lib/tagging/manual-tags';
import { createTempDb } from '../helpers/temp-db';

const NOW = new Date('2026-11-20T12:00:00Z');
let temp: ReturnType<typeof createTempDb>;

beforeAll(async () => {
  temp = createTempDb();
  await loadSampleArchive(temp.db);
  rebuildExposure(temp.db, NOW);
});
afterAll(() => temp.cleanup());

const dailyRows = () => new Map(temp.db.select().from(companyExposureDaily).all().map((r) => [`${r.companyId} ${r.day}`, [r.score, r.support]]));

/** Keys that differ, or whose values differ by more than rounding (an incremental update seeds older events with exact powers). */
function differences(a: Map<string, number[]>, b: Map<string, number[]>): string[] {
  const out: string[] = [];
  for (const key of new Set([...a.keys(), ...b.keys()])) {
    const x = a.get(key);
    const y = b.get(key);
    if (!x || !y || x.some((v, i) => Math.abs(v - y[i]) > 1e-6)) out.push(`${key}: ${x} vs ${y}`);
  }
  return out;
}

describe('exposure on the sample archive', () => {
  it('makes one event per story cluster, with its companies and countries', () => {
    const clusters = new Set(temp.db.select({ c: items.clusterId }).from(items).where(eq(items.relevant, true)).all().map((r) => r.c));
    const events = temp.db.select().from(exposureEvents).all();
    expect(events).toHaveLength(clusters.size);
    const ban = events.find((e) => e.day === '2023-05-21' && e.eventType === 'import-ban');
    expect(ban).toBeDefined();
    const entities = temp.db.select().from(exposureEventEntities).where(eq(exposureEventEntities.eventId, ban!.id)).all();
    expect(entities).toContainEqual(expect.objectContaining({ kind: 'company', value: 'micron', named: 'title' }));
    expect(entities).toContainEqual(expect.objectContaining({ kind: 'country', value: 'CN' }));
  });

  it('gives Micron its 2023 jump, and a ledger whose rows sum to the stored score of the day', () => {
    const before = companyExposure(temp.db, 'micron', { from: '2023-05-01', to: '2023-05-20' });
    const after = companyExposure(temp.db, 'micron', { from: '2023-05-01', to: '2023-06-01' });
    expect(after.series).toHaveLength(32);
    expect(after.series.at(-1)!.score).toBeGreaterThan(before.series.at(-1)!.score + 15);
    expect(after.ledger[0]).toMatchObject({ eventType: 'import-ban', route: 'title', date: '2023-05-21' });
    const sum = after.ledger.reduce((s, r) => s + r.contribution, 0);
    expect(sum).toBeCloseTo(after.score, 6);
    expect(after.series.at(-1)!.score).toBeCloseTo(after.score, 1);
  });

  it('keeps a daily series per country, and runs every series up to today', () => {
    const cn = temp.db.select().from(countryPressureDaily).where(eq(countryPressureDaily.country, 'CN')).all();
    expect(cn.length).toBeGreaterThan(1000);
    expect(cn.map((r) => r.day).sort().at(-1)).toBe('2026-11-20');
    expect(cn.every((r) => r.index >= 0 && r.index <= 100)).toBe(true);
  });

  it('updates incrementally after a correction to exactly what a rebuild gives', () => {
    const ban = temp.db.select().from(exposureEvents).all().find((e) => e.day === '2023-05-21' && e.eventType === 'import-ban')!;
    const before = companyExposure(temp.db, 'kioxia', { from: '2023-05-21', to: '2023-05-21' }).score;
    setManualTag(temp.db, getGazetteer(), { itemId: ban.id, kind: 'company', value: 'kioxia' }, true);
    const result = updateExposure(temp.db, [ban.id], NOW);
    expect(result.fromDay).toBe('2023-05-21');
    const after = companyExposure(temp.db, 'kioxia', { from: '2023-05-21', to: '2023-05-21' });
    expect(after.score).toBeGreaterThan(before);
    expect(after.ledger.find((r) => r.eventId === ban.id)).toMatchObject({ route: 'body' });

    const incremental = dailyRows();
    rebuildExposure(temp.db, NOW);
    const rebuilt = dailyRows();
    expect(rebuilt.size).toBeGreaterThan(100_000);
    expect(differences(incremental, rebuilt).slice(0, 5)).toEqual([]);
  }, 120_000); // rebuilds the whole sample archive twice: ~20 s alone, much more beside other suites

  it('carries every series forward when the day advances, touching no earlier day', () => {
    const last = (id: string) => temp.db.select().from(companyExposureDaily).where(eq(companyExposureDaily.companyId, id)).all().map((r) => r.day).sort().at(-1);
    const result = updateExposure(temp.db, [], new Date('2026-11-22T08:00:00Z'));
    expect(result.fromDay).toBe('2026-11-21');
    expect(last('micron')).toBe('2026-11-22');
  });

  it('refuses an unknown company or a malformed date with a clear message', () => {
    expect(() => companyExposure(temp.db, 'nope')).toThrow(/unknown company "nope"/);
    expect(() => companyExposure(temp.db, 'micron', { from: '2023-13-01' })).toThrow(/YYYY-MM-DD/);
  });
});
