import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { closeDb } from '../../db';
import { rebuildExposure } from '../../lib/exposure/update-exposure';
import { storeFeedDocument } from '../../lib/feeds/ingest-feed';
import { addFeed } from '../../lib/feeds/manage-feeds';
import { loadSampleArchive } from '../../lib/feeds/load-sample';
import type { ApiEvent } from '../../lib/queries/api-events';
import { createTempDb } from '../helpers/temp-db';

/*
 * The route handlers called directly with a Request, against a real database file: the app's one
 * client (db/index.ts getDb) opens DATABASE_PATH on first use, so the variable is set before the
 * routes are imported. 'server-only' throws outside Next's server bundle, so it is stubbed.
 */
vi.mock('server-only', () => ({}));

let temp: ReturnType<typeof createTempDb>;
let events: typeof import('../../app/api/events/route');
let csv: typeof import('../../app/api/events.csv/route');
let health: typeof import('../../app/api/health/route');

const HOSTILE_TITLE = '=HYPERLINK("http://evil.example","click"), Micron chips, "quoted"';

beforeAll(async () => {
  temp = createTempDb();
  await loadSampleArchive(temp.db);
  // A title built to break CSV (quotes, commas) and to run as a spreadsheet formula, through the
  // normal ingest path; dated away from the sample's Micron stories so it starts a cluster of its own.
  const { feed } = addFeed(temp.db, 'https://hostile.example/feed.xml', 'Hostile feed');
  const xml = `<?xml version="1.0"?><rss version="2.0"><channel><title>Hostile</title><link>https://hostile.example/</link>
<item><guid>csv-1</guid><title>${HOSTILE_TITLE.replace(/&/g, '&amp;')}</title><link>https://hostile.example/1</link>
<description>-2+3 China bans Micron memory chips in critical infrastructure, export controls follow</description><pubDate>Fri, 01 Feb 2019 10:00:00 GMT</pubDate></item>
</channel></rss>`;
  await storeFeedDocument(temp.db, feed, Buffer.from(xml), null, { now: new Date('2023-05-24T00:00:00Z'), nextCheckAt: null });
  rebuildExposure(temp.db, new Date('2026-11-20T12:00:00Z'));
  temp.db.$client.close();
  process.env.DATABASE_PATH = temp.file;
  events = await import('../../app/api/events/route');
  csv = await import('../../app/api/events.csv/route');
  health = await import('../../app/api/health/route');
});
afterAll(() => {
  closeDb();
  fs.rmSync(temp.dir, { recursive: true, force: true });
});

const get = (route: { GET: (r: Request) => Promise<Response> }, query: string) => route.GET(new Request(`http://localhost/api/x?${query}`));

describe('GET /api/events', () => {
  it('returns events in the documented shape, and a cursor that walks every page once', async () => {
    const res = await get(events, 'company=micron&limit=5');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    const body = (await res.json()) as { events: ApiEvent[]; nextCursor: string | null };
    expect(Object.keys(body).sort()).toEqual(['events', 'nextCursor']);
    expect(body.events).toHaveLength(5);
    const e = body.events[0];
    expect(Object.keys(e).sort()).toEqual(['companies', 'countries', 'eventType', 'id', 'publishedAt', 'severity', 'sources', 'summary', 'title', 'url'].sort());
    expect(e.companies).toContainEqual({ id: 'micron', name: 'Micron Technology' });
    expect(Object.keys(e.sources[0]).sort()).toEqual(['feedId', 'feedTitle', 'title', 'url']);

    const seen = new Set<number>();
    let cursor: string | null = null;
    do {
      const page = (await (await get(events, `company=micron&limit=5${cursor ? `&cursor=${cursor}` : ''}`)).json()) as typeof body;
      for (const ev of page.events) {
        expect(seen.has(ev.id)).toBe(false);
        seen.add(ev.id);
      }
      cursor = page.nextCursor;
    } while (cursor);
    const all = (await (await get(events, 'company=micron&limit=200')).json()) as typeof body;
    expect(seen).toEqual(new Set(all.events.map((ev) => ev.id)));
  });

  it('applies repeated company and country parameters, region, type, dates and q', async () => {
    const body = async (q: string) => ((await (await get(events, q)).json()) as { events: ApiEvent[] }).events;
    for (const e of await body('company=micron&company=nexperia&country=CN&limit=200')) {
      expect(e.companies.some((c) => c.id === 'micron' || c.id === 'nexperia')).toBe(true);
      expect(e.countries).toContain('CN');
    }
    for (const e of await body('type=sanction&from=2023-01-01&to=2023-12-31&limit=200')) {
      expect(e.eventType).toBe('sanction');
      expect(e.publishedAt.slice(0, 4)).toBe('2023');
    }
    const asia = await body('region=east-asia&q=Micron&limit=200');
    expect(asia.length).toBeGreaterThan(0);
    for (const e of asia) expect(`${e.title} ${e.summary}`).toMatch(/micron/i);
  });

  it.each([
    ['from=2023-13-01', /^from: /],
    ['to=yesterday', /^to: must be a date like 2023-05-21/],
    ['type=coup', /^type: unknown event type "coup"/],
    ['company=acme', /^company: unknown company "acme"/],
    ['country=XX', /^country: unknown country "XX"/],
    ['region=atlantis', /^region: unknown region/],
    ['limit=0', /^limit: must be from 1 to 200/],
    ['limit=201', /^limit: must be from 1 to 200/],
    ['limit=ten', /^limit: must be a whole number/],
    ['cursor=not-a-cursor', /^cursor: cursor is malformed/],
    ['minSeverity=high', /^minSeverity: must be a number/],
    ['relevant=some', /^relevant: /],
    ['sort=relevance', /^sort: relevance needs a search query/],
    ['from=2023-05-02&to=2023-05-01', /^from: 2023-05-02 is after to=2023-05-01/],
  ])('refuses %s with a 400 and a message', async (query, message) => {
    const res = await get(events, query);
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: string };
    expect(body.error).toMatch(message);
  });

  it('answers hostile full-text input instead of failing', async () => {
    for (const q of ['"', 'OR(', '*', 'NEAR', 'a" OR "b', 'micron AND (']) {
      const res = await get(events, `q=${encodeURIComponent(q)}`);
      expect(res.status).toBe(200);
    }
  });

  it('includes irrelevant items with relevant=all only', async () => {
    const ids = async (q: string) => new Set(((await (await get(events, `${q}&limit=200`)).json()) as { events: ApiEvent[] }).events.map((e) => e.id));
    // Tokyo Olympics postponed: an off-topic item of the sample archive.
    const olympics = await ids('relevant=all&q=Olympics');
    expect(olympics.size).toBeGreaterThan(0);
    expect((await ids('q=Olympics')).size).toBeLessThan(olympics.size);
  });
});

describe('GET /api/events.csv', () => {
  it('returns RFC 4180 CSV as a download, with formula-looking cells neutralised', async () => {
    const res = await get(csv, 'company=micron');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="chipwatch-events-\d{4}-\d{2}-\d{2}\.csv"$/);
    const text = await res.text();
    const lines = text.split('\r\n');
    expect(lines[0]).toBe('"id","published_at","title","url","event_type","severity","companies","countries","sources","summary"');
    expect(lines.at(-1)).toBe('');
    const hostile = lines.find((l) => l.includes('HYPERLINK'))!;
    expect(hostile).toBeDefined();
    // Leading = gets an apostrophe; inner quotes are doubled; commas stay inside the quoted field.
    expect(hostile).toContain(`"'=HYPERLINK(""http://evil.example"",""click""), Micron chips, ""quoted"""`);
    expect(hostile).toContain(`"'-2+3 China bans Micron`);
    const json = (await (await get(events, 'company=micron&limit=200')).json()) as { events: ApiEvent[] };
    expect(lines.length - 2).toBe(json.events.length);
  });

  it('honours an explicit limit, and walks every page without one', async () => {
    const one = (await (await get(csv, 'limit=3')).text()).split('\r\n').filter(Boolean);
    expect(one).toHaveLength(4);
    const all = (await (await get(csv, '')).text()).split('\r\n').filter(Boolean);
    let n = 0;
    let cursor: string | null = null;
    do {
      const page = (await (await get(events, `limit=200${cursor ? `&cursor=${cursor}` : ''}`)).json()) as { events: ApiEvent[]; nextCursor: string | null };
      n += page.events.length;
      cursor = page.nextCursor;
    } while (cursor);
    expect(all).toHaveLength(n + 1);
    expect(n).toBeGreaterThan(200);
  });

  it('says when it stops at the limit, and where to go on from, so no row is lost without a word', async () => {
    const all = (await (await get(csv, 'company=micron')).text()).split('\r\n').filter(Boolean).slice(1);
    const first = await get(csv, 'company=micron&limit=4');
    expect(first.headers.get('x-truncated')).toBe('true');
    expect(first.headers.get('x-row-count')).toBe('4');
    const cursor = first.headers.get('x-next-cursor')!;
    expect(cursor).toBeTruthy();
    const firstRows = (await first.text()).split('\r\n').filter(Boolean).slice(1);
    const rest = await get(csv, `company=micron&cursor=${encodeURIComponent(cursor)}`);
    expect(rest.headers.get('x-truncated')).toBe('false');
    expect(rest.headers.get('x-next-cursor')).toBeNull();
    const restRows = (await rest.text()).split('\r\n').filter(Boolean).slice(1);
    expect([...firstRows, ...restRows]).toEqual(all);
    expect(Number(rest.headers.get('x-row-count'))).toBe(all.length - 4);
  });

  it('refuses bad filters with a 400 like the JSON API', async () => {
    const res = await get(csv, 'type=nonsense');
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toMatch(/^type: unknown event type/);
  });
});

describe('GET /api/health', () => {
  it('reports the database as ok', async () => {
    const res = await health.GET();
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true, database: 'ok', latestItemAt: expect.stringMatching(/^\d{4}-/) });
  });

  it('answers 503 when the database cannot be opened', async () => {
    closeDb();
    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(`${temp.file}${suffix}`, { force: true });
    fs.mkdirSync(temp.file); // a folder where the database file should be: SQLite cannot open it
    const res = await health.GET();
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ ok: false, database: 'error' });
  });
});
