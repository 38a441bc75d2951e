import { describe, expect, it } from 'vitest';
import { ledgerFor } from '../../lib/exposure/ledger';
import { decayFactor, horizonDays, routeOf, saturate, type CompanyPresence, type ExposureEvent } from '../../lib/exposure/model';
import { COMPANY_SCALE, COUNTRY_ROUTE_TYPE_FACTOR, HALF_LIFE_DAYS, PRESENCE_WEIGHT, ROUTE_WEIGHT, TYPE_WEIGHT, confidenceOf } from '../../lib/exposure/parameters';
import { allCompanySeries, companySeries, decayedSeries } from '../../lib/exposure/series';
import { EVENT_TYPES } from '../../lib/tagging/rules';
import type { EventType } from '../../lib/tagging/rules';

const micron: CompanyPresence = { id: 'micron', hq: 'US', sites: ['US', 'JP', 'TW', 'SG', 'CN'], salesShare: { CN: 0.4 } };

let nextId = 1;
function event(day: number, eventType: EventType, opts: Partial<Omit<ExposureEvent, 'companies'>> & { companies?: Record<string, 'title' | 'body'> } = {}): ExposureEvent {
  return {
    id: nextId++,
    day,
    eventType,
    severity: opts.severity ?? 0.8,
    sources: opts.sources ?? 1,
    title: opts.title ?? `${eventType} on day ${day}`,
    companies: new Map(Object.entries(opts.companies ?? {})),
    countries: opts.countries ?? [],
  };
}

describe('decay', () => {
  it('halves every half-life and stops past the horizon', () => {
    const hl = HALF_LIFE_DAYS.diplomatic;
    expect(decayFactor('diplomatic', 0)).toBe(1);
    expect(decayFactor('diplomatic', hl)).toBeCloseTo(0.5, 12);
    expect(decayFactor('diplomatic', 2 * hl)).toBeCloseTo(0.25, 12);
    expect(decayFactor('diplomatic', horizonDays('diplomatic'))).toBeGreaterThanOrEqual(0.05);
    expect(decayFactor('diplomatic', horizonDays('diplomatic') + 1)).toBe(0);
    expect(decayFactor('diplomatic', -1)).toBe(0);
  });

  it('lets statements fade faster than blacklists', () => {
    expect(decayFactor('diplomatic', 60)).toBeLessThan(decayFactor('sanction', 60));
  });
});

describe('routes', () => {
  it('prefers a title over a body, and a name over any country', () => {
    expect(routeOf(micron, event(0, 'import-ban', { companies: { micron: 'title' }, countries: ['CN'] }))).toEqual({ route: 'title', weight: ROUTE_WEIGHT.title });
    expect(routeOf(micron, event(0, 'import-ban', { companies: { micron: 'body' } }))).toEqual({ route: 'body', weight: ROUTE_WEIGHT.body });
  });

  it('reaches a company through the strongest presence among the event’s countries', () => {
    // CN: a site (0.15) and 40% of sales (0.5 × 0.4 = 0.2): sales wins. US: headquarters (0.3) wins over both.
    expect(routeOf(micron, event(0, 'export-control', { countries: ['CN'] }))).toMatchObject({ route: 'country', country: 'CN', presence: 'sales', weight: 0.2 });
    expect(routeOf(micron, event(0, 'export-control', { countries: ['CN', 'US'] }))).toMatchObject({ country: 'US', presence: 'headquarters', weight: PRESENCE_WEIGHT.headquarters });
    expect(routeOf(micron, event(0, 'export-control', { countries: ['JP'] }))).toMatchObject({ presence: 'site', weight: PRESENCE_WEIGHT.site });
    expect(routeOf(micron, event(0, 'export-control', { countries: ['FR'] }))).toBeNull();
  });

  it('passes only a fraction of a blacklisting on to others in the country', () => {
    const route = routeOf(micron, event(0, 'sanction', { countries: ['US'] }))!;
    expect(route.weight).toBeCloseTo(PRESENCE_WEIGHT.headquarters * COUNTRY_ROUTE_TYPE_FACTOR.sanction!, 12);
  });
});

describe('saturation', () => {
  it('maps the raw sum onto 0–100, rising ever more slowly', () => {
    expect(saturate(0, COMPANY_SCALE)).toBe(0);
    expect(saturate(COMPANY_SCALE, COMPANY_SCALE)).toBeCloseTo(63.21, 2);
    expect(saturate(1000, COMPANY_SCALE)).toBeLessThanOrEqual(100);
    expect(saturate(20, COMPANY_SCALE) - saturate(10, COMPANY_SCALE)).toBeLessThan(saturate(10, COMPANY_SCALE) - saturate(0, COMPANY_SCALE));
    expect(saturate(-5, COMPANY_SCALE)).toBe(0);
  });
});

describe('ledger', () => {
  const events = [
    event(100, 'import-ban', { companies: { micron: 'title' }, countries: ['CN'], severity: 0.9, sources: 3 }),
    event(95, 'regulatory-probe', { companies: { micron: 'body' }, countries: ['CN'] }),
    event(90, 'export-control', { countries: ['US', 'CN'], sources: 2 }),
    event(98, 'investment', { companies: { micron: 'title' }, countries: ['US'] }),
    event(99, 'tariff', { countries: ['BR'] }),
    event(101, 'sanction', { companies: { micron: 'title' } }), // after the day asked for
  ];

  it('has one row per event that reaches the company, and the rows sum to the score', () => {
    const ledger = ledgerFor(micron, events, 100);
    expect(ledger.rows.map((r) => r.eventType).sort()).toEqual(['export-control', 'import-ban', 'regulatory-probe']);
    const sum = ledger.rows.reduce((s, r) => s + r.contribution, 0);
    expect(sum).toBeCloseTo(ledger.score, 10);
    expect(ledger.score).toBeCloseTo(saturate(ledger.raw, COMPANY_SCALE), 10);
    expect(ledger.rows[0].eventType).toBe('import-ban');
  });

  it('explains each row: weight × severity × confidence × route × decay', () => {
    const row = ledgerFor(micron, events, 100).rows.find((r) => r.eventType === 'regulatory-probe')!;
    const expected = TYPE_WEIGHT['regulatory-probe'] * 0.8 * confidenceOf(1) * ROUTE_WEIGHT.body * decayFactor('regulatory-probe', 5);
    expect(row.raw).toBeCloseTo(expected, 12);
    expect(row).toMatchObject({ route: 'body', typeWeight: 4, confidence: 0.75, routeWeight: 0.6, country: null });
  });

  it('keeps investment as support beside the score, never subtracted', () => {
    const withSupport = ledgerFor(micron, events, 100);
    const without = ledgerFor(micron, events.filter((e) => e.eventType !== 'investment'), 100);
    expect(withSupport.score).toBe(without.score);
    expect(withSupport.support.rows).toHaveLength(1);
    expect(withSupport.support.score).toBeGreaterThan(0);
  });

  it('is empty and zero when nothing reaches the company', () => {
    const ledger = ledgerFor(micron, [event(10, 'tariff', { countries: ['BR'] })], 10);
    expect(ledger).toMatchObject({ score: 0, raw: 0, rows: [] });
  });
});

describe('daily series', () => {
  it('equals the ledger of every day, across event arrivals and horizons', () => {
    const events = [
      event(10, 'diplomatic', { companies: { micron: 'title' } }),
      event(12, 'sanction', { countries: ['US'], sources: 3 }),
      event(30, 'supply-disruption', { countries: ['TW'], severity: 1 }),
      event(30, 'diplomatic', { countries: ['CN'] }),
      event(200, 'investment', { companies: { micron: 'title' } }),
    ];
    const from = 0;
    const to = 400;
    const { raw, support } = companySeries(micron, events, from, to);
    for (let day = from; day <= to; day++) {
      const ledger = ledgerFor(micron, events, day);
      expect(raw[day - from]).toBeCloseTo(ledger.raw, 9);
      expect(support[day - from]).toBeCloseTo(ledger.support.raw, 9);
    }
    expect(raw[5]).toBe(0);
    expect(raw[10 + horizonDays('diplomatic')]).toBeGreaterThan(0); // the sanction still counts
  });

  it('starts mid-history with the decayed weight of older events', () => {
    const contributions = [{ day: 0, eventType: 'tariff' as const, value: 10 }];
    const series = decayedSeries(contributions, 120, 125);
    expect(series[0]).toBeCloseTo(5, 9);
    expect(decayedSeries(contributions, 10_000, 10_001)[0]).toBe(0);
  });
});

describe('all companies at once', () => {
  it('gives every company exactly the series of the one-company computation', () => {
    let seed = 7;
    const rand = () => ((seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32);
    const countries = ['US', 'CN', 'TW', 'JP', 'KR', 'NL', 'DE'];
    const companies: CompanyPresence[] = [
      micron,
      { id: 'tsmc', hq: 'TW', sites: ['TW', 'US', 'JP', 'CN'], salesShare: { US: 0.69, CN: 0.11 } },
      { id: 'asml', hq: 'NL', sites: ['NL', 'US', 'TW'], salesShare: {} },
      { id: 'tiny', hq: 'BR', sites: [], salesShare: {} },
    ];
    const events = Array.from({ length: 300 }, () => {
      const named: Record<string, 'title' | 'body'> = {};
      if (rand() < 0.4) named[companies[Math.floor(rand() * (companies.length - 1))].id] = rand() < 0.5 ? 'title' : 'body';
      const set = new Set([countries[Math.floor(rand() * countries.length)], countries[Math.floor(rand() * countries.length)]]);
      return event(Math.floor(rand() * 900), EVENT_TYPES[Math.floor(rand() * EVENT_TYPES.length)], {
        companies: named,
        countries: rand() < 0.1 ? [] : [...set],
        severity: 0.2 + rand() * 0.8,
        sources: 1 + Math.floor(rand() * 3),
      });
    });
    const all = allCompanySeries(events, companies, 100, 1000);
    for (const company of companies) {
      const one = companySeries(company, events, 100, 1000);
      const got = all.get(company.id)!;
      for (let d = 0; d < one.raw.length; d++) {
        expect(got.raw[d]).toBeCloseTo(one.raw[d], 8);
        expect(got.support[d]).toBeCloseTo(one.support[d], 8);
      }
    }
    // Never named and present nowhere the events happen: nothing reaches it.
    expect(all.get('tiny')!.raw.every((v) => v === 0)).toBe(true);
  });
});
