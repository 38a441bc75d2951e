import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { closeDb, type Db } from '../../db';
import { rebuildExposure, updateExposure } from '../../lib/exposure/update-exposure';
import { loadSampleArchive } from '../../lib/feeds/load-sample';
import { parseEventFilters } from '../../lib/queries/event-filters';
import { CLUSTER_TAGS_SQL, SINGLE_TAGS_SQL } from '../../lib/queries/event-csv-details';
import { eventCsvRow } from '../../lib/queries/events-csv';
import { exportEvents } from '../../lib/queries/export-events';
import { searchEvents, type EventRow } from '../../lib/queries/search-events';
import { correctEventTag } from '../../lib/tagging/event-tags';
import { setManualTag } from '../../lib/tagging/manual-tags';
import { getGazetteerFor } from '../../lib/tagging/tagger-instance';
import { createTempDb } from '../helpers/temp-db';

/*
 * GET /api/events.csv against a database written row by row here, so every cell of the file is
 * known: which reports make up each event, their feeds and times, their tags, and analysts'
 * corrections on some of them. The route is called directly (as in events-api.test.ts), with the
 * app's own client opening the same file.
 */
vi.mock('server-only', () => ({}));

let temp: ReturnType<typeof createTempDb>;
let csv: typeof import('../../app/api/events.csv/route');

const HEADER = '"id","published_at","title","url","event_type","severity","companies","countries","sources","summary"';
const CAP_ITEMS = 10_001;

interface Report {
  id: number;
  feed: number;
  at: string;
  cluster: number | null;
  type: string | null;
  severity: number | null;
  tags: [kind: 'company' | 'country', value: string, field: 'title' | 'summary'][];
}

function insertReports(db: Db, reports: Report[]): void {
  const item = db.$client.prepare(`INSERT INTO items (id, feed_id, dedupe_key, url, title, summary, published_at, date_from_feed, first_seen_at, updated_at,
      content_hash, relevant, relevance, event_type, severity, tagger_version, tagged_at, cluster_id)
    VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?, 1, ?, ?, 'test', ?, ?)`);
  const tag = db.$client.prepare(`INSERT INTO item_tags (item_id, kind, value, source, removed, matched_text, field, offset) VALUES (?, ?, ?, 'auto', 0, ?, ?, 0)`);
  db.$client.transaction(() => {
    for (const r of reports) {
      const at = Date.parse(r.at);
      item.run(r.id, r.feed, `k${r.id}`, `https://news.example/${r.id}`, `Report ${r.id}`, `Summary of report ${r.id}`, at, at, at, `h${r.id}`, r.cluster === null ? 0 : 1, r.type, r.severity, at, r.cluster);
      for (const [kind, value, field] of r.tags) tag.run(r.id, kind, value, value, field);
    }
  })();
}

const row = (id: number, at: string, type: string, severity: number, companies: string, countries: string, sources: string) =>
  `"${id}","${at}","Report ${id}","https://news.example/${id}","${type}","${severity}","${companies}","${countries}","${sources}","Summary of report ${id}"`;

beforeAll(async () => {
  temp = createTempDb();
  const db = temp.db;
  const feed = db.$client.prepare("INSERT INTO feeds (id, url, title, kind, next_check_at) VALUES (?, ?, ?, 'remote', 0)");
  feed.run(1, 'https://reuters.example/feed', 'Reuters');
  feed.run(2, 'https://nikkei.example/feed', 'Nikkei Asia');
  feed.run(3, 'https://untitled.example/feed', null);
  feed.run(4, 'https://caixin.example/feed', 'Caixin');
  insertReports(db, [
    // Event 101: three reports; the second-stored one was published first.
    { id: 101, feed: 1, at: '2024-03-05T10:00:00Z', cluster: 101, type: 'import-ban', severity: 0.9, tags: [['company', 'micron', 'title'], ['country', 'CN', 'title']] },
    { id: 102, feed: 2, at: '2024-03-05T08:30:00Z', cluster: 101, type: 'import-ban', severity: 0.8, tags: [['company', 'micron', 'title'], ['company', 'bosch', 'summary'], ['country', 'CN', 'title'], ['country', 'DE', 'summary']] },
    { id: 103, feed: 3, at: '2024-03-06T09:00:00Z', cluster: 101, type: 'import-ban', severity: 0.7, tags: [['company', 'sk-hynix', 'title'], ['country', 'CH', 'title'], ['country', 'KR', 'summary']] },
    // Event 201: one report, its China tag removed by an analyst below.
    { id: 201, feed: 1, at: '2024-04-01T12:00:00Z', cluster: 201, type: 'sanction', severity: 0.5, tags: [['company', 'micron', 'title'], ['country', 'CN', 'title'], ['country', 'US', 'summary']] },
    // Event 301: Japan removed from one report only; the other still carries it.
    { id: 301, feed: 2, at: '2024-02-10T00:00:00Z', cluster: 301, type: 'tariff', severity: 0.25, tags: [['company', 'micron', 'title'], ['country', 'JP', 'title']] },
    { id: 302, feed: 1, at: '2024-02-10T06:00:00Z', cluster: 301, type: 'tariff', severity: 0.3, tags: [['company', 'micron', 'title'], ['country', 'JP', 'title'], ['country', 'CN', 'summary']] },
    // 401: off-topic (no cluster), listed with relevant=all only; an analyst tagged it Micron.
    { id: 401, feed: 3, at: '2024-05-01T00:00:00Z', cluster: null, type: null, severity: null, tags: [] },
  ]);
  // Off-topic items in 2001, one more than the export's default cap.
  insertReports(
    db,
    Array.from({ length: CAP_ITEMS }, (_, i) => ({ id: 10_000 + i, feed: 1, at: new Date(Date.parse('2001-01-01T00:00:00Z') + i * 60_000).toISOString(), cluster: null, type: null, severity: null, tags: [] })),
  );
  rebuildExposure(db, new Date('2024-06-01T00:00:00Z'));
  // Analysts' corrections, through the paths the dashboard and the CLI use.
  const gazetteer = getGazetteerFor(db);
  correctEventTag(db, gazetteer, { eventId: 101, kind: 'country', value: 'KR', present: false });
  correctEventTag(db, gazetteer, { eventId: 101, kind: 'company', value: 'smic', present: true });
  correctEventTag(db, gazetteer, { eventId: 201, kind: 'country', value: 'CN', present: false });
  setManualTag(db, gazetteer, { itemId: 302, kind: 'country', value: 'JP' }, false);
  updateExposure(db, [301], new Date('2024-06-01T00:00:00Z'));
  setManualTag(db, gazetteer, { itemId: 401, kind: 'company', value: 'micron' }, true);
  db.$client.close();
  process.env.DATABASE_PATH = temp.file;
  csv = await import('../../app/api/events.csv/route');
});
afterAll(() => {
  closeDb();
  temp.cleanup();
});

const get = (query: string) => csv.GET(new Request(`http://localhost/api/events.csv?${query}`));
const lines = async (res: Response) => (await res.text()).split('\r\n');

// Companies and countries by name: Micron Technology, Robert Bosch, Semiconductor Manufacturing
// International (smic), SK hynix; China, Germany, Switzerland. Sources oldest report first.
const EVENT_101 = row(101, '2024-03-05T10:00:00.000Z', 'import-ban', 0.9, 'micron bosch smic sk-hynix', 'CN DE CH', 'Nikkei Asia | Reuters | 3');
const EVENT_201 = row(201, '2024-04-01T12:00:00.000Z', 'sanction', 0.5, 'micron', 'US', 'Reuters');
const EVENT_301 = row(301, '2024-02-10T00:00:00.000Z', 'tariff', 0.25, 'micron', 'CN JP', 'Nikkei Asia | Reuters');
const ITEM_401 = `"401","2024-05-01T00:00:00.000Z","Report 401","https://news.example/401","","","micron","","3","Summary of report 401"`;

describe('GET /api/events.csv on a known database', () => {
  it('lists every event newest first, with its companies, countries and sources after corrections', async () => {
    const res = await get('from=2024-01-01');
    expect(res.status).toBe(200);
    expect(res.headers.get('x-row-count')).toBe('3');
    expect(res.headers.get('x-row-limit')).toBe('10000');
    expect(res.headers.get('x-truncated')).toBe('false');
    expect(res.headers.get('x-next-cursor')).toBeNull();
    expect(await lines(res)).toEqual([HEADER, EVENT_201, EVENT_101, EVENT_301, '']);
  });

  it('includes off-topic items, with their own tags, with relevant=all', async () => {
    expect(await lines(await get('from=2024-01-01&relevant=all'))).toEqual([HEADER, ITEM_401, EVENT_201, EVENT_101, EVENT_301, '']);
  });

  it('filters on the corrected tags: China was removed from 201, kept on 301 by its other report', async () => {
    const res = await get('company=micron&country=CN');
    expect(res.headers.get('x-row-count')).toBe('2');
    expect(await lines(res)).toEqual([HEADER, EVENT_101, EVENT_301, '']);
    expect(await lines(await get('country=KR'))).toEqual([HEADER, '']);
    expect(await lines(await get('company=smic&sort=oldest'))).toEqual([HEADER, EVENT_101, '']);
  });

  it('stops at an explicit limit and says where to go on from', async () => {
    const first = await get('from=2024-01-01&limit=2');
    expect(first.headers.get('x-row-count')).toBe('2');
    expect(first.headers.get('x-row-limit')).toBe('2');
    expect(first.headers.get('x-truncated')).toBe('true');
    const cursor = first.headers.get('x-next-cursor');
    expect(cursor).toBeTruthy();
    expect(await lines(first)).toEqual([HEADER, EVENT_201, EVENT_101, '']);
    const rest = await get(`from=2024-01-01&limit=2&cursor=${encodeURIComponent(cursor!)}`);
    expect(rest.headers.get('x-row-count')).toBe('1');
    expect(rest.headers.get('x-truncated')).toBe('false');
    expect(rest.headers.get('x-next-cursor')).toBeNull();
    expect(await lines(rest)).toEqual([HEADER, EVENT_301, '']);
  });

  it('stops at 10,000 rows without a limit, and the cursor gives the rest', async () => {
    const range = 'from=2001-01-01&to=2001-12-31&relevant=all';
    const first = await get(range);
    expect(first.headers.get('x-row-count')).toBe('10000');
    expect(first.headers.get('x-row-limit')).toBe('10000');
    expect(first.headers.get('x-truncated')).toBe('true');
    const body = await lines(first);
    expect(body).toHaveLength(10_002);
    // Newest first: the last item of the year leads, and the oldest one is left for the next file.
    expect(body[1]).toMatch(new RegExp(`^"${10_000 + CAP_ITEMS - 1}",`));
    expect(body[10_000]).toMatch(/^"10001",/);
    const rest = await get(`${range}&cursor=${encodeURIComponent(first.headers.get('x-next-cursor')!)}`);
    expect(rest.headers.get('x-truncated')).toBe('false');
    expect(await lines(rest)).toEqual([HEADER, `"10000","2001-01-01T00:00:00.000Z","Report 10000","https://news.example/10000","","","","","Reuters","Summary of report 10000"`, '']);
  });

  // Runs last: it adds a report the exposure job has not seen yet.
  it('shows a report stored since the last exposure run, its tags and its feed, without waiting for the job', async () => {
    const db = (await import('../../db')).getDb();
    insertReports(db, [{ id: 104, feed: 4, at: '2024-03-07T00:00:00Z', cluster: 101, type: 'import-ban', severity: 0.6, tags: [['company', 'intel', 'title'], ['country', 'NL', 'summary']] }]);
    const updated = row(101, '2024-03-05T10:00:00.000Z', 'import-ban', 0.9, 'intel micron bosch smic sk-hynix', 'CN DE NL CH', 'Nikkei Asia | Reuters | 3 | Caixin');
    expect(await lines(await get('from=2024-01-01'))).toEqual([HEADER, EVENT_201, updated, EVENT_301, '']);
    // Which events match a company filter is the exposure job's to say; what a row shows is not.
    expect(await lines(await get('company=micron&country=CN'))).toEqual([HEADER, updated, EVENT_301, '']);
  });
});

describe('the detail columns read indexes only', () => {
  // At a million items each table row read is a random page: the export's details went from ~20 to
  // ~11 ms once no statement touched an items or item_tags row. A planner change, a dropped index
  // column or a rewrite that reads `removed` from the table again shows here.
  it.each([
    ['clusters', CLUSTER_TAGS_SQL],
    ['single reports', SINGLE_TAGS_SQL],
  ])('%s', (_, sql) => {
    const fresh = createTempDb();
    let plan: string[];
    try {
      plan = (fresh.db.$client.prepare(`EXPLAIN QUERY PLAN ${sql}`).all('[1]') as { detail: string }[]).map((r) => r.detail);
    } finally {
      fresh.cleanup();
    }
    const searches = plan.filter((d) => /^(SEARCH|SCAN) (i|t|x) /.test(d));
    expect(searches.length).toBeGreaterThanOrEqual(2);
    for (const step of searches) expect(step).toMatch(/USING COVERING INDEX (items_cluster_idx|item_tags_unique|item_tags_removed_idx) /);
    expect(plan.some((d) => d.includes('item_tags_removed_idx'))).toBe(true);
  });
});

describe('exportEvents on the sample archive', () => {
  let sample: ReturnType<typeof createTempDb>;
  beforeAll(async () => {
    sample = createTempDb();
    await loadSampleArchive(sample.db);
    rebuildExposure(sample.db, new Date('2026-11-20T12:00:00Z'));
    // Corrections on clusters of several reports, where the union over reports matters.
    const clusters = sample.db.$client
      .prepare('SELECT cluster_id AS id FROM items WHERE cluster_id IS NOT NULL GROUP BY cluster_id HAVING count(*) > 1 ORDER BY cluster_id LIMIT 3')
      .all() as { id: number }[];
    expect(clusters).toHaveLength(3);
    const gazetteer = getGazetteerFor(sample.db);
    correctEventTag(sample.db, gazetteer, { eventId: clusters[0].id, kind: 'company', value: 'micron', present: true });
    correctEventTag(sample.db, gazetteer, { eventId: clusters[1].id, kind: 'country', value: 'NL', present: true });
    const tagged = sample.db.$client.prepare("SELECT kind, value FROM effective_item_tags WHERE item_id IN (SELECT id FROM items WHERE cluster_id = ?) LIMIT 1").get(clusters[2].id) as
      | { kind: 'company' | 'country'; value: string }
      | undefined;
    if (tagged) correctEventTag(sample.db, gazetteer, { eventId: clusters[2].id, ...tagged, present: false });
  });
  afterAll(() => sample.cleanup());

  // What the explorer shows for each event, as the CSV writes it.
  const asCsv = (e: EventRow) =>
    eventCsvRow({
      ...e,
      companies: e.companies.map((c) => c.id).join(' '),
      countries: e.countries.join(' '),
      sources: e.sources.map((s) => s.feedTitle ?? String(s.feedId)).join(' | '),
    });

  it.each(['', 'relevant=all', 'company=micron', 'country=CN&sort=oldest', 'region=east-asia&sort=severity', 'q=chips'])('writes what the explorer shows, in its order (%s)', (query) => {
    const explorer: string[] = [];
    let cursor: string | null = null;
    do {
      const params = new URLSearchParams(query);
      params.set('limit', '37');
      if (cursor) params.set('cursor', cursor);
      const page = searchEvents(sample.db, parseEventFilters(params, getGazetteerFor(sample.db)));
      explorer.push(...page.events.map(asCsv));
      cursor = page.nextCursor;
    } while (cursor);
    expect(explorer.length).toBeGreaterThan(query === 'company=micron' ? 5 : 20);
    const exported = exportEvents(sample.db, parseEventFilters(new URLSearchParams(query), getGazetteerFor(sample.db)), 10_000);
    expect(exported.rows).toBe(explorer.length);
    expect([...exported.batches()].join('')).toBe(explorer.join(''));
  });
});
