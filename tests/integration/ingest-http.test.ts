import { describe, expect, it } from 'vitest';
import { addFeed } from '../../lib/feeds/manage-feeds';
import { runIngest } from '../../lib/feeds/run-ingest';
import { listItems } from '../../lib/queries/list-items';
import { rss2, serve } from '../helpers/feed-server';
import { useIngestHarness } from '../helpers/ingest-harness';


const h = useIngestHarness();

const feedRow = h.feedRow;
const ingest = (ids: number[], extra = {}) => runIngest(h.temp.db, { feedIds: ids, allowPrivate: true, ...extra });
const story = (n: number) => ({ title: `Story ${n}`, guid: `story-${n}`, link: `https://example.com/s/${n}`, pubDate: 'Tue, 03 Oct 2023 10:00:00 GMT' });

describe('the run', () => {
  it('shrinks the page cache and defers checkpoints while it runs, and puts both back after', async () => {
    const client = h.temp.db.$client;
    const before = { cache: client.pragma('cache_size', { simple: true }), wal: client.pragma('wal_autocheckpoint', { simple: true }) };
    let during: typeof before | undefined;
    h.server.routes['/settings.xml'] = (_req, res) => {
      during = { cache: client.pragma('cache_size', { simple: true }), wal: client.pragma('wal_autocheckpoint', { simple: true }) };
      res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss2([story(1)]));
    };
    const { feed } = addFeed(h.temp.db, h.server.url('/settings.xml'));
    expect((await ingest([feed.id])).inserted).toBe(1);
    expect(during).toEqual({ cache: -16_384, wal: 16_384 });
    expect(before).toEqual({ cache: -65_536, wal: 1_000 });
    expect({ cache: client.pragma('cache_size', { simple: true }), wal: client.pragma('wal_autocheckpoint', { simple: true }) }).toEqual(before);
  });
});

describe('HTTP behaviour', () => {
  it('sends If-None-Match and If-Modified-Since and handles 304', async () => {
    const body = rss2([story(1), story(2)]);
    h.server.routes['/etag.xml'] = (req, res) => {
      if (req.headers['if-none-match'] === '"v1"' && req.headers['if-modified-since'] === 'Tue, 03 Oct 2023 10:00:00 GMT') {
        res.writeHead(304).end();
        return;
      }
      res.writeHead(200, { 'content-type': 'application/rss+xml', etag: '"v1"', 'last-modified': 'Tue, 03 Oct 2023 10:00:00 GMT' }).end(body);
    };
    const { feed } = addFeed(h.temp.db, h.server.url('/etag.xml'));
    const first = await ingest([feed.id]);
    expect(first.inserted).toBe(2);
    expect(feedRow(feed.id).etag).toBe('"v1"');
    const second = await ingest([feed.id]);
    expect(second.notModified).toBe(1);
    const row = feedRow(feed.id);
    expect(row.lastStatus).toBe('not-modified');
    expect(row.itemCount).toBe(2);
    expect(row.consecutiveFailures).toBe(0);
  });

  it('records 404 and 500 as errors with backoff, leaving stored items alone', async () => {
    let status = 200;
    h.server.routes['/flaky.xml'] = (_req, res) => {
      if (status === 200) res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss2([story(1), story(2), story(3)]));
      else res.writeHead(status).end('nope');
    };
    const { feed } = addFeed(h.temp.db, h.server.url('/flaky.xml'));
    await ingest([feed.id]);
    status = 404;
    const t0 = Date.now();
    await ingest([feed.id], { pollMinutes: 30, random: () => 0 });
    let row = feedRow(feed.id);
    expect(row.lastStatus).toBe('error');
    expect(row.lastError).toBe('HTTP 404 Not Found');
    expect(row.consecutiveFailures).toBe(1);
    expect(row.nextCheckAt!.getTime() - t0).toBeGreaterThanOrEqual(30 * 60_000 - 1000);
    status = 500;
    await ingest([feed.id], { pollMinutes: 30, random: () => 0 });
    row = feedRow(feed.id);
    expect(row.lastError).toBe('HTTP 500 Internal Server Error');
    expect(row.consecutiveFailures).toBe(2);
    expect(row.nextCheckAt!.getTime() - Date.now()).toBeGreaterThan(59 * 60_000);
    expect(row.itemCount).toBe(3);
    expect(listItems(h.temp.db, { all: true })).toHaveLength(3);
    status = 200;
    await ingest([feed.id]);
    expect(feedRow(feed.id)).toMatchObject({ lastStatus: 'ok', lastError: null, consecutiveFailures: 0 });
  });

  it('stops a redirect loop with a clear error', async () => {
    h.server.routes['/loop-a'] = (_req, res) => res.writeHead(302, { location: '/loop-b' }).end();
    h.server.routes['/loop-b'] = (_req, res) => res.writeHead(302, { location: '/loop-a' }).end();
    const { feed } = addFeed(h.temp.db, h.server.url('/loop-a'));
    await ingest([feed.id]);
    expect(feedRow(feed.id).lastError).toMatch(/^redirect loop/);
  });

  it('follows at most 5 redirects', async () => {
    for (let i = 0; i < 7; i++) h.server.routes[`/hop${i}`] = (_req, res) => res.writeHead(302, { location: `/hop${i + 1}` }).end();
    h.server.routes['/hop7'] = serve(rss2([story(1)]));
    const { feed } = addFeed(h.temp.db, h.server.url('/hop0'));
    await ingest([feed.id]);
    expect(feedRow(feed.id).lastError).toBe('too many redirects (more than 5)');
    h.server.routes['/hop2'] = (_req, res) => res.writeHead(302, { location: '/hop7' }).end();
    await ingest([feed.id]);
    expect(feedRow(feed.id).lastStatus).toBe('ok');
  });

  it('updates the stored URL on a permanent redirect, not on a temporary one', async () => {
    h.server.routes['/old.xml'] = (_req, res) => res.writeHead(301, { location: '/new.xml' }).end();
    h.server.routes['/new.xml'] = serve(rss2([story(1)]));
    h.server.routes['/moved-for-now.xml'] = (_req, res) => res.writeHead(307, { location: '/new2.xml' }).end();
    h.server.routes['/new2.xml'] = serve(rss2([story(2)]));
    const moved = addFeed(h.temp.db, h.server.url('/old.xml')).feed;
    const temporary = addFeed(h.temp.db, h.server.url('/moved-for-now.xml')).feed;
    await ingest([moved.id, temporary.id]);
    expect(feedRow(moved.id).url).toBe(h.server.url('/new.xml'));
    expect(feedRow(temporary.id).url).toBe(h.server.url('/moved-for-now.xml'));
    expect(feedRow(temporary.id).itemCount).toBe(1);
  });

  it('reports an HTML page instead of a feed', async () => {
    h.server.routes['/page.html'] = serve('<!DOCTYPE html><html><head><title>Home</title></head><body>Hi</body></html>', { 'content-type': 'text/html; charset=utf-8' });
    const { feed } = addFeed(h.temp.db, h.server.url('/page.html'));
    await ingest([feed.id]);
    expect(feedRow(feed.id).lastError).toBe('not a feed: got text/html');
  });

  it('honours Retry-After on 429 and 503', async () => {
    h.server.routes['/busy.xml'] = (_req, res) => res.writeHead(503, { 'retry-after': '7200' }).end();
    h.server.routes['/slow-down.xml'] = (_req, res) => res.writeHead(429, { 'retry-after': new Date(Date.now() + 3 * 3600_000).toUTCString() }).end();
    const busy = addFeed(h.temp.db, h.server.url('/busy.xml')).feed;
    const slow = addFeed(h.temp.db, h.server.url('/slow-down.xml')).feed;
    await ingest([busy.id, slow.id], { pollMinutes: 1 });
    const busyRow = feedRow(busy.id);
    expect(busyRow.lastError).toBe('HTTP 503 Service Unavailable, retry after 2 h');
    expect(busyRow.nextCheckAt!.getTime() - Date.now()).toBeGreaterThan(7100_000);
    expect(feedRow(slow.id).nextCheckAt!.getTime() - Date.now()).toBeGreaterThan(3 * 3600_000 - 120_000);
  });

  it('refuses loopback addresses unless private feeds are allowed', async () => {
    h.server.routes['/private.xml'] = serve(rss2([story(1)]));
    const { feed } = addFeed(h.temp.db, h.server.url('/private.xml'));
    await runIngest(h.temp.db, { feedIds: [feed.id], allowPrivate: false });
    expect(feedRow(feed.id).lastError).toBe('refused to connect to private address 127.0.0.1 (set CHIPWATCH_ALLOW_PRIVATE_FEEDS=1 to allow)');
    expect(h.server.hits('/private.xml')).toBe(0);
  });

  it('refuses a public-looking name that resolves to a private address', async () => {
    h.server.routes['/rebind.xml'] = serve(rss2([story(1)]));
    const { feed } = addFeed(h.temp.db, `http://feeds.example.com:${h.server.port}/rebind.xml`);
    const lookup = ((_host: string, options: unknown, cb: unknown) => {
      const callback = (typeof options === 'function' ? options : cb) as (...args: unknown[]) => void;
      const all = typeof options === 'object' && options !== null && (options as { all?: boolean }).all;
      if (all) callback(null, [{ address: '127.0.0.1', family: 4 }]);
      else callback(null, '127.0.0.1', 4);
    }) as unknown as import('node:net').LookupFunction;
    await runIngest(h.temp.db, { feedIds: [feed.id], allowPrivate: false, lookup });
    expect(feedRow(feed.id).lastError).toMatch(/^refused to connect to private address 127\.0\.0\.1/);
    expect(h.server.hits('/rebind.xml')).toBe(0);
  });
});

describe('storing: dedupe and updates', () => {
  it('stores each item once across polls and updates a changed item in place', async () => {
    let items = [story(1), story(2), { title: 'No guid', link: 'https://example.com/no-guid' }, { title: 'Neither', pubDate: 'Wed, 04 Oct 2023 10:00:00 GMT' }];
    h.server.routes['/dedupe.xml'] = (_req, res) => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss2(items));
    const { feed } = addFeed(h.temp.db, h.server.url('/dedupe.xml'));
    const first = await ingest([feed.id]);
    expect(first.inserted).toBe(4);
    const second = await ingest([feed.id]);
    expect(second).toMatchObject({ inserted: 0, updated: 0 });
    items = [{ ...story(1), title: 'Story 1 (corrected)' }, story(2), { title: 'No guid', link: 'https://example.com/no-guid' }, { title: 'Neither', pubDate: 'Wed, 04 Oct 2023 10:00:00 GMT' }];
    const third = await ingest([feed.id]);
    expect(third).toMatchObject({ inserted: 0, updated: 1 });
    const stored = listItems(h.temp.db, { all: true });
    expect(stored).toHaveLength(4);
    expect(stored.map((i) => i.title).sort()).toEqual(['Neither', 'No guid', 'Story 1 (corrected)', 'Story 2']);
    expect(feedRow(feed.id).itemCount).toBe(4);
  });

  it('keeps the first-seen date of an undated item across polls', async () => {
    h.server.routes['/undated.xml'] = serve(rss2([{ title: 'Undated', guid: 'u1' }]));
    const { feed } = addFeed(h.temp.db, h.server.url('/undated.xml'));
    await ingest([feed.id], { now: () => new Date('2026-01-01T00:00:00Z') });
    await ingest([feed.id], { now: () => new Date('2026-02-01T00:00:00Z') });
    expect(listItems(h.temp.db, { all: true })[0].publishedAt).toBe('2026-01-01T00:00:00.000Z');
  });

  it('keeps the same story from two feeds as two items, one per feed', async () => {
    h.server.routes['/one.xml'] = serve(rss2([story(1)]));
    h.server.routes['/two.xml'] = serve(rss2([story(1)]));
    const a = addFeed(h.temp.db, h.server.url('/one.xml')).feed;
    const b = addFeed(h.temp.db, h.server.url('/two.xml')).feed;
    await ingest([a.id, b.id]);
    expect(listItems(h.temp.db, { all: true }).map((i) => i.feedId).sort()).toEqual([a.id, b.id].sort());
  });
});
