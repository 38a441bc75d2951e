import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepared, type Db } from '../../db';
import { breakdownOf } from '../../lib/exposure/breakdown';
import { changesBetween } from '../../lib/exposure/changes';
import { dayIndex, dayString } from '../../lib/exposure/days';
import { capRows, CHANGES_TOP_ROWS, CHART_MARKERS, LEDGER_TOP_ROWS } from '../../lib/exposure/ledger-cap';
import { ledgerFor } from '../../lib/exposure/ledger';
import { loadEvents, presenceOf } from '../../lib/exposure/load-events';
import { pickMarkers } from '../../lib/exposure/markers';
import { routeOf } from '../../lib/exposure/model';
import { rebuildExposure, updateExposure } from '../../lib/exposure/update-exposure';
import { removeFeed } from '../../lib/feeds/manage-feeds';
import { correctEventTag } from '../../lib/tagging/event-tags';
import { getGazetteerFor } from '../../lib/tagging/tagger-instance';
import { chartMarkers } from '../../lib/queries/chart-markers';
import { exposureBreakdown } from '../../lib/queries/company-breakdown';
import { biggestChanges } from '../../lib/queries/company-changes';
import { readCompanyEvents } from '../../lib/queries/company-ledger';
import { companyExposure } from '../../lib/queries/company-exposure';
import { countDirect } from '../../lib/queries/overview';
import { countItemsPerMonth } from '../../lib/queries/overview-counts';
import { entitiesOf } from '../../lib/queries/event-rows';
import { generateScaleDb } from '../bench/scale-db';

/*
 * What the exposure job stores for the pages (snapshots, monthly counts) against what the same
 * questions give computed from the events, on a generated database big enough that ledgers run
 * past the stored top rows (so the remainder rows are exercised), and after incremental updates
 * against a full rebuild.
 */
const DAY = '2026-03-31';
const NOW = new Date(`${DAY}T12:00:00Z`);
let dir: string;
let db: Db;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chipwatch-snapshots-'));
  db = generateScaleDb(path.join(dir, 'scale.db'), { items: 12_000, companies: 30, years: 3, endDay: DAY });
  rebuildExposure(db, NOW);
}, 60_000);
afterAll(() => {
  db.$client.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const COMPANIES = ['micron', 'tsmc', 'samsung', 'asml', 'smic'];

/** The company's full ledger on a day, computed from every event before it (no horizon shortcut, no snapshot). */
function fullLedger(companyId: string, day: string) {
  const presence = presenceOf(getGazetteerFor(db).companyById.get(companyId)!);
  return ledgerFor(presence, loadEvents(db, { company: presence, toDay: day }), dayIndex(day));
}

describe('stored snapshots', () => {
  it('are of the latest day and hold a ledger equal to the one computed from the events, remainder included', () => {
    let capped = 0;
    for (const id of COMPANIES) {
      const stored = companyExposure(db, id, { to: DAY });
      expect(stored.stored, id).toBe(true);
      const full = fullLedger(id, DAY);
      const risk = capRows(full.rows, LEDGER_TOP_ROWS);
      expect(stored.score).toBeCloseTo(full.score, 9);
      expect(stored.rows).toBe(full.rows.length);
      expect(stored.ledger.map((r) => r.eventId)).toEqual(risk.rows.map((r) => r.eventId));
      stored.ledger.forEach((r, i) => {
        const { day, ...expected } = risk.rows[i];
        expect(r).toEqual({ ...expected, date: dayString(day), contribution: expect.closeTo(expected.contribution, 9), raw: expect.closeTo(expected.raw, 9) });
      });
      expect(stored.rest?.rows ?? 0).toBe(risk.rest?.rows ?? 0);
      expect(stored.rest?.contribution ?? 0).toBeCloseTo(risk.rest?.contribution ?? 0, 9);
      const total = stored.ledger.reduce((s, r) => s + r.contribution, 0) + (stored.rest?.contribution ?? 0);
      expect(total).toBeCloseTo(stored.score, 9);
      expect(stored.support.score).toBeCloseTo(full.support.score, 9);
      expect(stored.support.rows).toBe(full.support.rows.length);
      if (stored.rest) capped++;
    }
    expect(capped).toBeGreaterThan(0);
  });

  it('serve the same ledger as the on-demand path (a day without a snapshot) would', () => {
    // The day before has no snapshot: computed on demand, capped the same way.
    const before = dayString(dayIndex(DAY) - 1);
    const onDemand = companyExposure(db, 'micron', { to: before });
    expect(onDemand.stored).toBe(false);
    const full = fullLedger('micron', before);
    expect(onDemand.score).toBeCloseTo(full.score, 9);
    expect(onDemand.ledger.map((r) => r.eventId)).toEqual(capRows(full.rows, LEDGER_TOP_ROWS).rows.map((r) => r.eventId));
    expect(onDemand.ledger.reduce((s, r) => s + r.contribution, 0) + (onDemand.rest?.contribution ?? 0)).toBeCloseTo(onDemand.score, 9);
  });

  it('hold breakdowns equal to grouping the full ledger', () => {
    for (const id of COMPANIES) {
      const stored = exposureBreakdown(db, { companyId: id, day: DAY });
      const full = fullLedger(id, DAY);
      const entities = entitiesOf(db, full.rows.map((r) => r.eventId));
      const expected = breakdownOf(full.rows, (e) => entities.get(e)?.countries ?? []);
      for (const by of ['byCountry', 'byType'] as const) {
        const got = new Map(stored[by].map((p) => [p.key, p]));
        expect([...got.keys()].sort(), `${id} ${by}`).toEqual(expected[by].map((p) => p.key).sort());
        for (const p of expected[by]) {
          expect(got.get(p.key)!.contribution).toBeCloseTo(p.contribution, 9);
          expect(got.get(p.key)!.rows).toBe(p.rows);
        }
        expect(stored[by].reduce((s, p) => s + p.contribution, 0)).toBeCloseTo(full.score, 9);
      }
    }
  });

  it('hold the 30-day changes equal to comparing the two full ledgers', () => {
    for (const id of COMPANIES) {
      const stored = biggestChanges(db, { companyId: id, to: DAY });
      const start = fullLedger(id, stored.from);
      const expected = capRows(changesBetween(start, fullLedger(id, DAY)), CHANGES_TOP_ROWS);
      expect(stored.scoreBefore).toBeCloseTo(start.score, 9);
      expect(stored.rows.map((r) => r.eventId)).toEqual(expected.rows.map((r) => r.eventId));
      stored.rows.forEach((r, i) => expect(r.change).toBeCloseTo(expected.rows[i].change, 9));
      expect(stored.rest?.rows ?? 0).toBe(expected.rest?.rows ?? 0);
      const total = stored.rows.reduce((s, r) => s + r.change, 0) + (stored.rest?.contribution ?? 0);
      expect(total).toBeCloseTo(stored.change, 9);
    }
  });

  it('hold the default range’s chart markers equal to choosing them from the range’s events', () => {
    const from = dayString(dayIndex(DAY) - 364);
    for (const id of COMPANIES) {
      const presence = presenceOf(getGazetteerFor(db).companyById.get(id)!);
      const daily = new Map(
        (prepared(db, 'SELECT day, score, raw FROM company_exposure_daily WHERE company_id = ?').all(id) as { day: string; score: number; raw: number }[]).map((r) => [r.day, r]),
      );
      const expected = pickMarkers(loadEvents(db, { company: presence, fromDay: from, toDay: DAY }), (e) => routeOf(presence, e), (d) => daily.get(d), CHART_MARKERS);
      const stored = chartMarkers(db, { companyId: id, from, to: DAY });
      expect(stored.map((m) => m.eventId)).toEqual(expected.map((m) => m.eventId));
      stored.forEach((m, i) => expect(m.jump).toBeCloseTo(expected[i].jump, 9));
    }
  });
});

describe('ledgers of days without a snapshot', () => {
  // Computed on demand from the reaching events as columns (lib/exposure/reach-ledger.ts): held
  // equal, to the last bit, to the straightforward computation over every event (toEqual, not
  // closeTo), on days whose ledgers run past the 100 rows kept and on quiet early days.
  const DAYS = [dayString(dayIndex(DAY) - 1), dayString(dayIndex(DAY) - 200), dayString(dayIndex(DAY) - 400), dayString(dayIndex(DAY) - 900)];
  const present = (rows: ReturnType<typeof fullLedger>['rows']) => rows.map(({ day, ...r }) => ({ ...r, date: dayString(day) }));

  it('hold the ledger, its remainder and support equal to capping the full ledger', () => {
    let capped = 0;
    for (const id of [...COMPANIES, 'nokia']) {
      for (const to of DAYS) {
        const got = companyExposure(db, id, { from: dayString(dayIndex(to) - 30), to });
        expect(got.stored, `${id} ${to}`).toBe(false);
        const full = fullLedger(id, to);
        const risk = capRows(full.rows, LEDGER_TOP_ROWS);
        const support = capRows(full.support.rows, LEDGER_TOP_ROWS);
        expect({ score: got.score, rows: got.rows, ledger: got.ledger, rest: got.rest }, `${id} ${to}`).toEqual({
          score: full.score,
          rows: full.rows.length,
          ledger: present(risk.rows),
          rest: risk.rest,
        });
        expect(got.support).toEqual({ score: full.support.score, rows: full.support.rows.length, ledger: present(support.rows), rest: support.rest });
        if (got.rest) capped++;
      }
    }
    expect(capped).toBeGreaterThan(3);
  });

  it('hold breakdowns, changes and chart markers equal to the full ledgers’ and the range’s events', () => {
    for (const id of COMPANIES) {
      const presence = presenceOf(getGazetteerFor(db).companyById.get(id)!);
      for (const to of DAYS) {
        const full = fullLedger(id, to);
        const entities = entitiesOf(db, full.rows.map((r) => r.eventId));
        const breakdown = exposureBreakdown(db, { companyId: id, day: to });
        const parts = { byCountry: breakdown.byCountry.map(({ label: _, ...p }) => p), byType: breakdown.byType.map(({ label: _, ...p }) => p) };
        expect(parts, `${id} ${to}`).toEqual(breakdownOf(full.rows, (e) => entities.get(e)?.countries ?? []));

        const changes = biggestChanges(db, { companyId: id, to });
        const start = fullLedger(id, changes.from);
        expect({ ...changes }).toEqual({
          from: changes.from,
          to,
          scoreBefore: start.score,
          scoreAfter: full.score,
          change: full.score - start.score,
          ...capRows(changesBetween(start, full), CHANGES_TOP_ROWS),
        });

        const from = dayString(dayIndex(to) - 180);
        const daily = new Map(
          (prepared(db, 'SELECT day, score, raw FROM company_exposure_daily WHERE company_id = ?').all(id) as { day: string; score: number; raw: number }[]).map((r) => [r.day, r]),
        );
        const expected = pickMarkers(loadEvents(db, { company: presence, fromDay: from, toDay: to }), (e) => routeOf(presence, e), (d) => daily.get(d), CHART_MARKERS);
        expect(chartMarkers(db, { companyId: id, from, to })).toEqual(expected);
      }
    }
  });

  it('are the same from the one wider read a page shares between them', () => {
    for (const to of DAYS.slice(0, 2)) {
      const wide = readCompanyEvents(db)('micron', { from: dayString(dayIndex(to) - 30), to });
      const read = () => wide;
      expect(companyExposure(db, 'micron', { to }, read)).toEqual(companyExposure(db, 'micron', { to }));
      expect(exposureBreakdown(db, { companyId: 'micron', day: to }, read)).toEqual(exposureBreakdown(db, { companyId: 'micron', day: to }));
    }
  });
});

describe('monthly counts', () => {
  it('equal counting the events directly, by type and by region', () => {
    for (const by of ['type', 'region'] as const) {
      const stored = prepared(db, 'SELECT month, key, events AS n FROM monthly_event_counts WHERE by = ? ORDER BY month, key').all(by);
      const direct = countDirect(db, by, '0000-01-01', '9999-12-31').sort((a, b) => a.month.localeCompare(b.month) || a.key.localeCompare(b.key));
      expect(stored).toEqual(direct);
      expect(stored.length).toBeGreaterThan(10);
    }
  });

  it('count items per month as the items table does, after a feed is removed too', () => {
    const direct = () =>
      prepared(db, "SELECT strftime('%Y-%m', published_at / 1000, 'unixepoch') AS month, count(*) AS items FROM items GROUP BY month ORDER BY month").all();
    const stored = () => countItemsPerMonth(db).map(({ month, items }) => ({ month, items }));
    expect(stored()).toEqual(direct());
    removeFeed(db, String((prepared(db, 'SELECT id FROM feeds ORDER BY id LIMIT 1').get() as { id: number }).id));
    expect(stored()).toEqual(direct());
    const events = prepared(db, "SELECT substr(day, 1, 7) AS month, count(*) AS n FROM exposure_events GROUP BY month").all() as { month: string; n: number }[];
    // The item counts changed under the events: the exposure job brings the event counts back in step.
    rebuildExposure(db, NOW);
    const byMonth = new Map(countItemsPerMonth(db).map((m) => [m.month, m.events]));
    for (const e of prepared(db, "SELECT substr(day, 1, 7) AS month, count(*) AS n FROM exposure_events GROUP BY month").all() as { month: string; n: number }[]) {
      expect(byMonth.get(e.month) ?? 0).toBe(e.n);
    }
    expect(events.length).toBeGreaterThan(0);
  });
});

describe('incremental updates', () => {
  const dump = () => {
    const out: Record<string, unknown[]> = {};
    for (const table of ['company_snapshots', 'company_ledger_rows', 'company_breakdowns', 'company_changes', 'company_markers', 'monthly_event_counts']) {
      const rows = prepared(db, `SELECT * FROM ${table}`).all() as Record<string, unknown>[];
      // Rounded: an update sums the same numbers but may read its events in another batch.
      out[table] = rows
        .map((r) => JSON.stringify(Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === 'number' && !Number.isInteger(v) ? Math.round(v * 1e6) / 1e6 : v]))))
        .sort();
    }
    return out;
  };

  it('leave the stored tables as a full rebuild would, after tag corrections and on the next day', () => {
    const gazetteer = getGazetteerFor(db);
    const recent = prepared(db, "SELECT id FROM exposure_events WHERE day >= ? AND event_type <> 'investment' ORDER BY day DESC, id LIMIT 1").all(
      dayString(dayIndex(DAY) - 20),
    ) as { id: number }[];
    correctEventTag(db, gazetteer, { eventId: recent[0].id, kind: 'company', value: 'micron', present: true });
    // An event whose only country is the US gains China: a new region in that month's counts.
    const usOnly = prepared(
      db,
      `SELECT e.id FROM exposure_events e WHERE e.day >= ? AND (SELECT group_concat(value) FROM exposure_event_entities x WHERE x.event_id = e.id AND x.kind = 'country') = 'US' LIMIT 1`,
    ).get(dayString(dayIndex(DAY) - 20)) as { id: number };
    correctEventTag(db, gazetteer, { eventId: usOnly.id, kind: 'country', value: 'CN', present: true });
    const old = prepared(db, 'SELECT id FROM exposure_events WHERE day < ? ORDER BY day DESC LIMIT 1').get(dayString(dayIndex(DAY) - 300)) as { id: number };
    correctEventTag(db, gazetteer, { eventId: old.id, kind: 'company', value: 'tsmc', present: true });
    const next = new Date(NOW.getTime() + 86_400_000);
    updateExposure(db, [], next);
    const updated = dump();
    // The copies of each event's countries and companies beside it (which the on-demand ledgers read) followed the corrections.
    const copiesOf = (eventId: number) => prepared(db, 'SELECT countries, companies FROM exposure_events WHERE id = ?').get(eventId) as { countries: string; companies: string };
    expect(copiesOf(usOnly.id).countries).toBe('CN,US');
    expect(copiesOf(recent[0].id).companies.split(',')).toContain('micron=body');
    const stale = `SELECT count(*) AS n FROM exposure_events e
      WHERE e.countries <> coalesce((SELECT group_concat(value, ',' ORDER BY value) FROM exposure_event_entities x WHERE x.event_id = e.id AND x.kind = 'country'), '')
         OR e.companies <> coalesce((SELECT group_concat(value || '=' || coalesce(named, 'body'), ',' ORDER BY value) FROM exposure_event_entities x
                                     WHERE x.event_id = e.id AND x.kind = 'company'), '')`;
    expect(prepared(db, stale).get()).toEqual({ n: 0 });
    expect(prepared(db, 'SELECT DISTINCT day FROM company_snapshots').all()).toEqual([{ day: dayString(dayIndex(DAY) + 1) }]);
    rebuildExposure(db, next);
    const rebuilt = dump();
    for (const table of Object.keys(rebuilt)) expect(updated[table], table).toEqual(rebuilt[table]);
  });
});
