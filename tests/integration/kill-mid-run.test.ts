import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { feeds, items, jobRuns } from '../../db/schema';
import { addFeed } from '../../lib/feeds/manage-feeds';
import { rss2, startFeedServer, type FeedServer } from '../helpers/feed-server';
import { runCli, spawnCli } from '../helpers/run-cli';
import { createTempDb } from '../helpers/temp-db';

let server: FeedServer;
let temp: ReturnType<typeof createTempDb>;
const FEEDS = 6;
const PER_FEED = 40;
let stall = true;

const feedBody = (f: number) =>
  rss2(
    Array.from({ length: PER_FEED }, (_, i) => ({
      title: `Feed ${f} item ${i}`,
      guid: `f${f}-i${i}`,
      description: `Summary of item ${i} of feed ${f}.`,
      pubDate: new Date(Date.UTC(2024, 0, 1 + i)).toUTCString(),
    })),
  );

beforeAll(async () => {
  server = await startFeedServer();
  for (let f = 1; f <= FEEDS; f++) {
    server.routes[`/f${f}.xml`] = (_req, res) => {
      const body = feedBody(f);
      if (f === 4 && stall) {
        // Send half the document, then hang: the process is killed while this feed is mid-body.
        res.writeHead(200, { 'content-type': 'application/rss+xml' });
        res.write(body.slice(0, body.length / 2));
        return;
      }
      res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(body);
    };
  }
  temp = createTempDb();
  for (let f = 1; f <= FEEDS; f++) addFeed(temp.db, server.url(`/f${f}.xml`));
});
afterAll(async () => {
  await server.close();
  temp.cleanup();
});

it('SIGKILL in the middle of a run loses nothing stored, and the next run stores each item exactly once', async () => {
  const env = { DATABASE_PATH: temp.file, CHIPWATCH_ALLOW_PRIVATE_FEEDS: '1', CHIPWATCH_FETCH_TIMEOUT_MS: '60000' };
  const child = spawnCli(['ingest'], env);
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));

  // Wait until the run is stuck on feed 4, with feeds 1-3 committed (the run commits a few feeds at
  // a time, at most 250 ms after writing them: lib/feeds/write-group.ts).
  const deadline = Date.now() + 30_000;
  const committed = () => temp.db.select({ feedId: items.feedId }).from(items).all().length;
  while ((server.hits('/f4.xml') === 0 || committed() < 3 * PER_FEED) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  expect(server.hits('/f4.xml')).toBe(1);
  child.kill('SIGKILL');
  expect(await exited).toBe('SIGKILL');

  const afterKill = temp.db.select({ feedId: items.feedId }).from(items).all();
  expect(afterKill).toHaveLength(3 * PER_FEED);
  expect(new Set(afterKill.map((r) => r.feedId)).size).toBe(3);
  expect(temp.db.select().from(jobRuns).all().filter((r) => r.job === 'ingest').map((r) => r.status)).toEqual(['running']);

  stall = false;
  const rerun = await runCli(['ingest'], env);
  expect(rerun.stderr).toBe('');
  expect(rerun.status).toBe(0);
  expect(rerun.stdout).toMatch(/^ingest: 6 feeds, 6 ok, 0 not modified, 0 failed; 120 new and 0 updated items/);

  const stored = temp.db.select({ feedId: items.feedId, guid: items.guid }).from(items).all();
  expect(stored).toHaveLength(FEEDS * PER_FEED);
  const expected = new Set<string>();
  for (let f = 1; f <= FEEDS; f++) for (let i = 0; i < PER_FEED; i++) expected.add(`f${f}-i${i}`);
  expect(new Set(stored.map((r) => r.guid))).toEqual(expected);
  expect(temp.db.select({ n: feeds.itemCount }).from(feeds).all().map((r) => r.n)).toEqual(Array(FEEDS).fill(PER_FEED));
  expect(temp.db.select().from(jobRuns).all().filter((r) => r.job === 'ingest').map((r) => r.status)).toEqual(['abandoned', 'ok']);
}, 90_000);

it('SIGKILL while a group of feeds is not yet committed loses whole feeds only, with their state', async () => {
  stall = true;
  const fresh = createTempDb();
  try {
    for (let f = 1; f <= FEEDS; f++) addFeed(fresh.db, server.url(`/f${f}.xml`));
    const hitsBefore = server.hits('/f4.xml');
    const env = { DATABASE_PATH: fresh.file, CHIPWATCH_ALLOW_PRIVATE_FEEDS: '1', CHIPWATCH_FETCH_TIMEOUT_MS: '60000' };
    const child = spawnCli(['ingest'], env);
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
    // Killed as soon as feed 4 is requested: feeds 1-3 are written, perhaps not yet committed.
    const deadline = Date.now() + 30_000;
    while (server.hits('/f4.xml') === hitsBefore && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');

    // Each feed has all its items and its new state, or none and its old state.
    for (const feed of fresh.db.select().from(feeds).all()) {
      const stored = fresh.db.select({ id: items.id }).from(items).where(eq(items.feedId, feed.id)).all().length;
      expect([0, PER_FEED]).toContain(stored);
      expect(feed.lastStatus).toBe(stored === PER_FEED ? 'ok' : null);
      expect(feed.itemCount).toBe(stored);
    }

    stall = false;
    const rerun = await runCli(['ingest'], env);
    expect(rerun.status).toBe(0);
    const stored = fresh.db.select({ guid: items.guid }).from(items).all();
    expect(stored).toHaveLength(FEEDS * PER_FEED);
    expect(new Set(stored.map((r) => r.guid)).size).toBe(FEEDS * PER_FEED);
  } finally {
    fresh.cleanup();
  }
}, 90_000);
