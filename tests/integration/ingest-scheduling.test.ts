import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { feeds, jobLocks, jobRuns, type Feed } from '../../db/schema';
import { acquireJobLock, LockHeldError } from '../../lib/jobs/job-lock';
import { addFeed } from '../../lib/feeds/manage-feeds';
import { runIngest, runWithHostLimits, selectFeedsToFetch } from '../../lib/feeds/run-ingest';
import { rss2, startFeedServer, type FeedServer } from '../helpers/feed-server';
import { createTempDb } from '../helpers/temp-db';

let servers: FeedServer[] = [];
let temp: ReturnType<typeof createTempDb>;

const delayedFeed = (ms: number) => async (_req: unknown, res: import('node:http').ServerResponse) => {
  await new Promise((r) => setTimeout(r, ms));
  res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss2([{ title: 'x', guid: 'x' }]));
};

beforeAll(async () => {
  servers = await Promise.all([0, 1, 2, 3, 4, 5].map(() => startFeedServer()));
});
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
});
beforeEach(() => {
  temp = createTempDb();
});
afterEach(() => temp.cleanup());

describe('due feeds', () => {
  it('picks enabled remote feeds whose next check has come, never sample feeds', () => {
    const now = new Date('2026-06-01T12:00:00Z');
    const due = addFeed(temp.db, 'https://a.example/due.xml').feed;
    const later = addFeed(temp.db, 'https://b.example/later.xml').feed;
    const never = addFeed(temp.db, 'https://c.example/never-fetched.xml').feed;
    const off = addFeed(temp.db, 'https://d.example/off.xml').feed;
    temp.db.update(feeds).set({ nextCheckAt: new Date('2026-06-01T11:59:00Z') }).where(eq(feeds.id, due.id)).run();
    temp.db.update(feeds).set({ nextCheckAt: new Date('2026-06-01T12:30:00Z') }).where(eq(feeds.id, later.id)).run();
    temp.db.update(feeds).set({ enabled: false }).where(eq(feeds.id, off.id)).run();
    temp.db.insert(feeds).values({ url: 'chipwatch-sample:x.xml', kind: 'sample' }).run();
    expect(selectFeedsToFetch(temp.db, { dueOnly: true }, now).map((f) => f.id).sort()).toEqual([due.id, never.id].sort());
    expect(selectFeedsToFetch(temp.db, {}, now).map((f) => f.id).sort()).toEqual([due.id, later.id, never.id].sort());
  });

  it('schedules a healthy feed one poll interval ahead', async () => {
    servers[0].routes['/poll.xml'] = delayedFeed(0);
    const { feed } = addFeed(temp.db, servers[0].url('/poll.xml'));
    const now = new Date();
    await runIngest(temp.db, { feedIds: [feed.id], allowPrivate: true, pollMinutes: 45, now: () => now });
    const row = temp.db.select().from(feeds).where(eq(feeds.id, feed.id)).get()!;
    expect(row.nextCheckAt!.getTime() - now.getTime()).toBe(45 * 60_000);
    expect(selectFeedsToFetch(temp.db, { dueOnly: true }, new Date(now.getTime() + 44 * 60_000))).toHaveLength(0);
    expect(selectFeedsToFetch(temp.db, { dueOnly: true }, new Date(now.getTime() + 45 * 60_000))).toHaveLength(1);
  });
});

describe('concurrency', () => {
  it('fetches at most N feeds at once and one per host at a time', async () => {
    // Six hosts (ports); three feeds each, every response taking 150 ms.
    const ids: number[] = [];
    for (const server of servers) {
      for (const name of ['/a.xml', '/b.xml', '/c.xml']) {
        server.routes[name] = delayedFeed(150);
        ids.push(addFeed(temp.db, server.url(name)).feed.id);
      }
    }
    let active = 0;
    let maxActive = 0;
    const originalRoutes = servers.map((s) => ({ ...s.routes }));
    servers.forEach((server, i) => {
      for (const name of ['/a.xml', '/b.xml', '/c.xml']) {
        server.routes[name] = async (req, res) => {
          active++;
          maxActive = Math.max(maxActive, active);
          await originalRoutes[i][name](req, res);
          active--;
        };
      }
    });
    const summary = await runIngest(temp.db, { feedIds: ids, allowPrivate: true, concurrency: 4 });
    expect(summary.ok).toBe(18);
    expect(maxActive).toBe(4);
    for (const server of servers) expect(server.maxInFlight()).toBe(1);
  });
});

describe('fetch slots', () => {
  // Feeds whose fetch and store the test finishes by hand, to see what runWithHostLimits starts when.
  function harness(urls: string[]) {
    const queue = urls.map((url, i) => ({ id: i + 1, url }) as Feed);
    const started: number[] = [];
    const finishFetch = new Map<number, () => void>();
    const finishStore = new Map<number, () => void>();
    const work = async (feed: Feed, fetched: () => void) => {
      started.push(feed.id);
      await new Promise<void>((resolve) => finishFetch.set(feed.id, resolve));
      fetched();
      await new Promise<void>((resolve) => finishStore.set(feed.id, resolve));
    };
    const settle = () => new Promise((r) => setTimeout(r, 5));
    return { queue, started, work, settle, fetchDone: (id: number) => finishFetch.get(id)!(), storeDone: (id: number) => finishStore.get(id)!() };
  }

  it('a feed lets go of its fetch slot and its host once fetched, while its document waits to be stored', async () => {
    const h = harness(['http://a.example/1', 'http://a.example/2', 'http://b.example/3']);
    const run = runWithHostLimits(h.queue, { fetching: 1, inFlight: 3 }, undefined, h.work);
    await h.settle();
    expect(h.started).toEqual([1]);
    h.fetchDone(1);
    await h.settle();
    // Feed 1 is still being stored; the next feed, on the same host, is fetched meanwhile.
    expect(h.started).toEqual([1, 2]);
    h.fetchDone(2);
    await h.settle();
    expect(h.started).toEqual([1, 2, 3]);
    h.fetchDone(3);
    await h.settle();
    for (const id of [1, 2, 3]) h.storeDone(id);
    await run;
  });

  it('starts no feed beyond inFlight, however many are fetched and waiting', async () => {
    const h = harness(['http://a.example/1', 'http://b.example/2', 'http://c.example/3', 'http://d.example/4']);
    const run = runWithHostLimits(h.queue, { fetching: 4, inFlight: 2 }, undefined, h.work);
    await h.settle();
    expect(h.started).toEqual([1, 2]);
    h.fetchDone(1);
    h.fetchDone(2);
    await h.settle();
    expect(h.started).toEqual([1, 2]);
    h.storeDone(1);
    await h.settle();
    expect(h.started).toEqual([1, 2, 3]);
    h.storeDone(2);
    await h.settle();
    expect(h.started).toEqual([1, 2, 3, 4]);
    for (const id of [3, 4]) {
      h.fetchDone(id);
      await h.settle();
      h.storeDone(id);
    }
    await run;
  });
});

describe('the ingest lock', () => {
  it('refuses a second run while one holds the lock, and records runs', async () => {
    const held = acquireJobLock(temp.db, 'ingest');
    await expect(runIngest(temp.db, { allowPrivate: true })).rejects.toBeInstanceOf(LockHeldError);
    held.release();
    await runIngest(temp.db, { allowPrivate: true });
    const runs = temp.db.select().from(jobRuns).all();
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ job: 'ingest', status: 'ok' });
    expect(temp.db.select().from(jobLocks).all()).toHaveLength(0);
  });

  it('two overlapping runs in one process: the second is refused', async () => {
    servers[1].routes['/slow.xml'] = delayedFeed(300);
    const { feed } = addFeed(temp.db, servers[1].url('/slow.xml'));
    const first = runIngest(temp.db, { feedIds: [feed.id], allowPrivate: true });
    await expect(runIngest(temp.db, { feedIds: [feed.id], allowPrivate: true })).rejects.toThrow(/another ingest run is in progress/);
    await expect(first).resolves.toMatchObject({ ok: 1 });
  });

  it('takes over a lock whose holder process is gone, and marks its run abandoned', async () => {
    temp.db.insert(jobLocks).values({
      name: 'ingest', owner: 'dead', pid: 2 ** 22 + 17, host: (await import('node:os')).hostname(),
      acquiredAt: new Date(), expiresAt: new Date(Date.now() + 60_000),
    }).run();
    temp.db.insert(jobRuns).values({ job: 'ingest', startedAt: new Date(), status: 'running' }).run();
    await runIngest(temp.db, { allowPrivate: true });
    const statuses = temp.db.select({ status: jobRuns.status }).from(jobRuns).all().map((r) => r.status);
    expect(statuses).toEqual(['abandoned', 'ok']);
  });

  it('takes over an expired lock from another host, but not a live one', () => {
    temp.db.insert(jobLocks).values({
      name: 'ingest', owner: 'other', pid: 1, host: 'elsewhere', acquiredAt: new Date(), expiresAt: new Date(Date.now() + 60_000),
    }).run();
    expect(() => acquireJobLock(temp.db, 'ingest')).toThrow(LockHeldError);
    temp.db.update(jobLocks).set({ expiresAt: new Date(Date.now() - 1) }).run();
    const lock = acquireJobLock(temp.db, 'ingest');
    expect(lock.owner).not.toBe('other');
    lock.release();
  });
});
