import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rebuildExposure } from '../../lib/exposure/update-exposure';
import { loadSampleArchive } from '../../lib/feeds/load-sample';
import { parseEventFilters, EventFilterError, type RawParams } from '../../lib/queries/event-filters';
import { buildEventQuery } from '../../lib/queries/event-sql';
import { MARK_CLOSE, MARK_OPEN, stripHighlights } from '../../lib/queries/highlight';
import { searchEvents, type EventRow } from '../../lib/queries/search-events';
import { getGazetteer } from '../../lib/tagging/gazetteer';
import { createTempDb } from '../helpers/temp-db';

/*
 * searchEvents against the sample archive in a real SQLite file, compared with an oracle computed
 * here in plain TypeScript from the items and the effective-tags view: events are first reports of
 * story clusters, their companies and countries the union over the cluster.
 */
let temp: ReturnType<typeof createTempDb>;

interface OracleEvent {
  id: number;
  publishedAt: number;
  severity: number | null;
  eventType: string | null;
  relevant: boolean;
  text: string;
  companies: Set<string>;
  countries: Set<string>;
}
let oracle: OracleEvent[];

beforeAll(async () => {
  temp = createTempDb();
  await loadSampleArchive(temp.db);
  rebuildExposure(temp.db, new Date('2026-11-20T12:00:00Z'));
  const items = temp.db.$client
    .prepare('SELECT id, cluster_id AS clusterId, relevant, event_type AS eventType, severity, published_at AS publishedAt, title, summary FROM items')
    .all() as { id: number; clusterId: number | null; relevant: number; eventType: string | null; severity: number | null; publishedAt: number; title: string; summary: string }[];
  const tags = temp.db.$client.prepare('SELECT item_id AS itemId, kind, value FROM effective_item_tags').all() as { itemId: number; kind: string; value: string }[];
  const events = new Map<number, OracleEvent>();
  for (const i of items) {
    if (i.clusterId === i.id || i.clusterId === null) {
      events.set(i.id, { id: i.id, publishedAt: i.publishedAt, severity: i.severity, eventType: i.eventType, relevant: i.relevant === 1, text: `${i.title} ${i.summary}`, companies: new Set(), countries: new Set() });
    }
  }
  const eventOfItem = new Map(items.map((i) => [i.id, i.clusterId ?? i.id]));
  for (const t of tags) {
    const e = events.get(eventOfItem.get(t.itemId)!);
    if (e) (t.kind === 'company' ? e.companies : e.countries).add(t.value);
  }
  oracle = [...events.values()];
});
afterAll(() => temp.cleanup());

const newest = (a: OracleEvent, b: OracleEvent) => b.publishedAt - a.publishedAt || b.id - a.id;

/** Every page of a search, following nextCursor; fails on a repeated id. */
function allPages(params: Record<string, string | string[]>, limit = 7): EventRow[] {
  const out: EventRow[] = [];
  let cursor: string | null = null;
  do {
    const page = searchEvents(temp.db, parseEventFilters({ ...params, limit: String(limit), ...(cursor ? { cursor } : {}) }));
    expect(page.events.length).toBeLessThanOrEqual(limit);
    out.push(...page.events);
    cursor = page.nextCursor;
  } while (cursor);
  expect(new Set(out.map((e) => e.id)).size).toBe(out.length);
  return out;
}

function ids(params: RawParams): number[] {
  return searchEvents(temp.db, parseEventFilters({ ...params, limit: '200' })).events.map((e) => e.id);
}

function expected(pred: (e: OracleEvent) => boolean, relevantOnly = true): number[] {
  return oracle.filter((e) => (!relevantOnly || e.relevant) && pred(e)).sort(newest).map((e) => e.id);
}

describe('searchEvents filters', () => {
  it('lists every relevant story cluster once, newest first, and nothing else', () => {
    const all = allPages({});
    expect(all.map((e) => e.id)).toEqual(expected(() => true));
    expect(all.every((e) => e.relevant)).toBe(true);
  });

  it('counts a story carried by several feeds once, with each feed as a source', () => {
    const multi = temp.db.$client
      .prepare('SELECT cluster_id AS id, count(DISTINCT feed_id) AS feeds FROM items WHERE cluster_id IS NOT NULL GROUP BY cluster_id HAVING count(*) > 1 LIMIT 1')
      .get() as { id: number; feeds: number };
    expect(multi).toBeDefined();
    const found = allPages({}).filter((e) => e.id === multi.id);
    expect(found).toHaveLength(1);
    expect(new Set(found[0].sources.map((s) => s.feedId)).size).toBe(multi.feeds);
    expect(found[0].sources[0]).toEqual(expect.objectContaining({ itemId: multi.id, title: found[0].title }));
  });

  it('filters by company: any of several, and the union of the cluster counts', () => {
    expect(ids({ company: 'micron' })).toEqual(expected((e) => e.companies.has('micron')));
    const either = expected((e) => e.companies.has('micron') || e.companies.has('nexperia'));
    expect(ids({ company: ['micron', 'nexperia'] })).toEqual(either);
    expect(ids({ company: 'micron,nexperia' })).toEqual(either);
    expect(either.length).toBeGreaterThan(expected((e) => e.companies.has('micron')).length);
  });

  it('filters by country (any of) and by company and country together (both must hold)', () => {
    expect(ids({ country: ['NL', 'JP'] })).toEqual(expected((e) => e.countries.has('NL') || e.countries.has('JP')));
    const both = expected((e) => e.companies.has('micron') && e.countries.has('CN'));
    expect(both.length).toBeGreaterThan(3);
    expect(ids({ company: 'micron', country: 'cn' })).toEqual(both);
    for (const e of searchEvents(temp.db, parseEventFilters({ company: 'micron', country: 'CN' })).events) {
      expect(e.companies.map((c) => c.id)).toContain('micron');
      expect(e.countries).toContain('CN');
    }
  });

  it('filters by region through its countries, on top of any country filter', () => {
    const eastAsia = new Set(getGazetteer().regions.find((r) => r.id === 'east-asia')!.countries);
    const inRegion = (e: OracleEvent) => [...e.countries].some((c) => eastAsia.has(c));
    expect(ids({ region: 'east-asia' })).toEqual(expected(inRegion));
    expect(ids({ region: 'east-asia', country: 'US' })).toEqual(expected((e) => inRegion(e) && e.countries.has('US')));
  });

  it('filters by event type, minimum severity and UTC date range (both ends inclusive)', () => {
    expect(ids({ type: ['sanction', 'tariff'] })).toEqual(expected((e) => e.eventType === 'sanction' || e.eventType === 'tariff'));
    expect(ids({ minSeverity: '0.7' })).toEqual(expected((e) => (e.severity ?? 0) >= 0.7));
    const from = Date.parse('2023-05-01T00:00:00Z');
    const to = Date.parse('2023-06-01T00:00:00Z');
    const may = expected((e) => e.publishedAt >= from && e.publishedAt < to);
    expect(may.length).toBeGreaterThan(3);
    expect(ids({ from: '2023-05-01', to: '2023-05-31' })).toEqual(may);
  });

  it('includes irrelevant items only when asked', () => {
    const withAll = allPages({ relevant: 'all' });
    expect(withAll.map((e) => e.id)).toEqual(expected(() => true, false));
    const offTopic = withAll.filter((e) => e.relevant === false);
    expect(offTopic.length).toBeGreaterThan(10);
    expect(ids({}).some((id) => offTopic.some((e) => e.id === id))).toBe(false);
    // An irrelevant item's own tags count when it is listed.
    const tagged = offTopic.find((e) => e.countries.length > 0)!;
    expect(ids({ relevant: 'all', country: tagged.countries[0] })).toContain(tagged.id);
    expect(ids({ country: tagged.countries[0] })).not.toContain(tagged.id);
  });

  it('returns an empty page, not an error, when nothing matches', () => {
    expect(searchEvents(temp.db, parseEventFilters({ company: 'micron', type: 'tariff', from: '2019-01-01', to: '2019-01-02' }))).toEqual({ events: [], nextCursor: null, total: 0 });
    expect(searchEvents(temp.db, parseEventFilters({ q: 'zzzqqqnothing' })).events).toEqual([]);
  });
});

describe('full-text search', () => {
  it('matches words in the first report, with highlights marked for the page to render', () => {
    const result = searchEvents(temp.db, parseEventFilters({ q: 'micron ban' }));
    expect(result.events.length).toBeGreaterThan(0);
    for (const e of result.events) {
      expect(e.title + e.summary).toMatch(/micron/i);
      expect(e.title + e.summary).toMatch(/\bban/i);
      expect(e.highlights).toBeDefined();
      expect(stripHighlights(e.highlights!.title)).toBe(e.title);
    }
    expect(result.events.some((e) => e.highlights!.title.includes(`${MARK_OPEN}Micron${MARK_CLOSE}`))).toBe(true);
  });

  it('supports quoted phrases and trailing-star prefixes', () => {
    const phrase = ids({ q: '"export controls"' });
    expect(phrase).toEqual(expected((e) => /export[^\p{L}\p{N}]+controls/iu.test(e.text)));
    expect(phrase.length).toBeGreaterThan(0);
    expect(ids({ q: 'semicond*' })).toEqual(expected((e) => /\bsemicond/i.test(e.text)));
  });

  it.each(['"', 'OR(', '*', 'NEAR', 'NEAR(micron ban)', 'micron OR', 'AND', '"micron', 'title:micron', '^micron', ')(', '-micron', "it's", '\\', 'micron"ban', '""""', '*micron*', '🙂'])(
    'never throws on hostile input %j',
    (q) => {
      const filters = parseEventFilters({ q });
      expect(() => searchEvents(temp.db, filters)).not.toThrow();
      expect(() => searchEvents(temp.db, { ...filters, sort: filters.ftsQuery ? 'relevance' : 'newest' })).not.toThrow();
    },
  );

  it('treats operators as plain words and ignores punctuation-only input', () => {
    expect(parseEventFilters({ q: '"' }).ftsQuery).toBeNull();
    expect(ids({ q: '"' })).toEqual(ids({}));
    expect(parseEventFilters({ q: 'micron OR nvidia' }).ftsQuery).toBe('"micron" "OR" "nvidia"');
    expect(parseEventFilters({ q: 'NEAR(micron' }).ftsQuery).toBe('"NEAR(micron"');
  });

  it('ranks by relevance on request: a title match before a summary-only match', () => {
    const ranked = allPages({ q: 'micron', sort: 'relevance' }, 4);
    expect(ranked.map((e) => e.id).sort()).toEqual(ids({ q: 'micron' }).sort());
    const firstSummaryOnly = ranked.findIndex((e) => !/micron/i.test(e.title));
    const lastTitle = ranked.map((e) => /micron/i.test(e.title)).lastIndexOf(true);
    expect(firstSummaryOnly === -1 || lastTitle < firstSummaryOnly).toBe(true);
  });
});

describe('keyset pagination', () => {
  it.each([
    [{}, 'newest'],
    [{ sort: 'oldest' }, 'oldest'],
    [{ sort: 'severity' }, 'severity'],
    [{ country: 'CN', sort: 'severity' }, 'severity, filtered'],
    [{ company: 'micron' }, 'company filter'],
    [{ relevant: 'all' }, 'with irrelevant items'],
    [{ q: 'china', sort: 'relevance' }, 'relevance'],
  ] as [Record<string, string>, string][])('pages %j without duplicates or gaps (%s)', (params) => {
    const whole = allPages(params, 200);
    expect(allPages(params, 3).map((e) => e.id)).toEqual(whole.map((e) => e.id));
  });

  it('lists the same events oldest first as newest first, reversed', () => {
    expect(allPages({ sort: 'oldest' }, 50).map((e) => e.id)).toEqual(expected(() => true).reverse());
  });

  it('orders by severity, then newest', () => {
    const list = allPages({ sort: 'severity' }, 50);
    expect(list.map((e) => e.id).sort()).toEqual(expected(() => true).sort());
    for (let i = 1; i < list.length; i++) {
      const [a, b] = [list[i - 1], list[i]];
      expect((a.severity ?? -1) > (b.severity ?? -1) || ((a.severity ?? -1) === (b.severity ?? -1) && a.publishedAt >= b.publishedAt)).toBe(true);
    }
  });

  it('refuses a cursor from another sort order, or one that was tampered with', () => {
    const first = searchEvents(temp.db, parseEventFilters({ limit: '2' }));
    expect(() => parseEventFilters({ sort: 'oldest', cursor: first.nextCursor! })).toThrow(/belongs to sort=newest/);
    expect(() => parseEventFilters({ cursor: `${first.nextCursor}x` })).toThrow(EventFilterError);
    expect(() => parseEventFilters({ cursor: Buffer.from('["newest","x",1]').toString('base64url') })).toThrow(/malformed/);
  });

  it('gives a total when cheap: exact on a single page, and counted when a selective filter drives', () => {
    const micron = expected((e) => e.companies.has('micron'));
    expect(searchEvents(temp.db, parseEventFilters({ company: 'micron', limit: '200' })).total).toBe(micron.length);
    const paged = searchEvents(temp.db, parseEventFilters({ company: 'micron', limit: '2' }), { withTotal: true });
    if (paged.total !== null) expect(paged.total).toBe(micron.length);
  });
});

describe('query shapes', () => {
  it('drives from a selective filter and walks the timeline for a common one, with the same answers', () => {
    const plan = (params: Record<string, string>) => {
      const f = parseEventFilters(params);
      return buildEventQuery(temp.db, f, f.limit + 1).plan;
    };
    expect(plan({ company: 'micron', limit: '50' }).driver).not.toBeNull();
    expect(plan({ country: 'CN', limit: '5' }).driver).toBeNull();
    // Small pages make a scan cheaper than driving: both shapes must list the same events.
    expect(plan({ company: 'micron', limit: '2' }).driver).toBeNull();
    expect(allPages({ company: 'micron' }, 2).map((e) => e.id)).toEqual(ids({ company: 'micron' }));
    expect(plan({ company: 'micron', q: 'zzzqqq' }).empty).toBe(true);
  });

  it('uses the indexes it was written for (EXPLAIN QUERY PLAN)', () => {
    const detail = (params: Record<string, string>) => {
      const f = parseEventFilters(params);
      const q = buildEventQuery(temp.db, f, f.limit + 1);
      return (temp.db.$client.prepare(`EXPLAIN QUERY PLAN ${q.sql}`).all(...q.params) as { detail: string }[]).map((r) => r.detail).join(' | ');
    };
    expect(detail({})).toContain('SCAN r USING INDEX items_published_idx');
    expect(detail({ sort: 'severity' })).toContain('SCAN r USING INDEX items_severity_idx');
    expect(detail({ from: '2023-01-01', to: '2023-12-31' })).toMatch(/SEARCH r USING INDEX items_published_idx \(published_at>\? AND published_at<\?\)/);
    expect(detail({ company: 'micron' })).toContain('COVERING INDEX exposure_event_entities_value_idx');
    expect(detail({})).not.toContain('TEMP B-TREE');
  });
});

describe('display details', () => {
  it('gives each tag the text that matched and where, and company names from the gazetteer', () => {
    const e = searchEvents(temp.db, parseEventFilters({ company: 'micron', q: 'Beijing' })).events[0];
    const micron = e.tags.find((t) => t.kind === 'company' && t.value === 'micron')!;
    expect(micron).toMatchObject({ name: 'Micron Technology', source: 'auto' });
    expect(micron.matchedText).toMatch(/Micron/);
    expect(['title', 'summary']).toContain(micron.field);
    expect(e.companies).toContainEqual({ id: 'micron', name: 'Micron Technology' });
    expect(e.publishedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
  });
});
