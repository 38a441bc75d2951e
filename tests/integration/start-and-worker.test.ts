import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { feeds, jobLocks, jobRuns } from '../../db/schema';
import { addFeed } from '../../lib/feeds/manage-feeds';
import { subscribeWith } from '../helpers/digest-fixture';
import { rss2, serve, startFeedServer, type FeedServer } from '../helpers/feed-server';
import { ROOT } from '../helpers/run-cli';
import { createTempDb } from '../helpers/temp-db';
import { freePort } from '../helpers/free-port';

let server: FeedServer;
beforeAll(async () => {
  server = await startFeedServer({ '/local.xml': serve(rss2([{ title: 'Local story', guid: 'l1' }])) });
});
afterAll(async () => {
  await server.close();
});

function spawnTs(entry: string, env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', entry], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: 'warn', CHIPWATCH_ALLOW_PRIVATE_FEEDS: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, exited, output: () => output };
}

async function waitFor<T>(what: string, probe: () => T | Promise<T>, timeoutMs: number): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('the job runner', () => {
  it('ingests due feeds at start, records the run, and stops cleanly on SIGTERM', async () => {
    const temp = createTempDb();
    const { feed } = addFeed(temp.db, server.url('/local.xml'));
    const worker = spawnTs('jobs/worker.ts', { DATABASE_PATH: temp.file });
    try {
      await waitFor('the first ingest run', () => temp.db.select().from(jobRuns).all().find((r) => r.job === 'ingest' && r.status === 'ok'), 30_000);
      expect(temp.db.select().from(feeds).all().find((f) => f.id === feed.id)).toMatchObject({ lastStatus: 'ok', itemCount: 1 });
      // Exposure ran at start, and again after the ingest that stored an item.
      await waitFor('exposure after ingest', () => temp.db.select().from(jobRuns).all().filter((r) => r.job === 'exposure' && r.status === 'ok').length >= 2, 30_000);
      worker.child.kill('SIGTERM');
      expect(await worker.exited).toBe(0);
      expect(temp.db.select().from(jobLocks).all()).toHaveLength(0);
    } finally {
      worker.child.kill('SIGKILL');
      temp.cleanup();
    }
  }, 60_000);
});

describe('two job runners on one database', () => {
  it('send each digest once, never run the digest job at the same time, and record every run', async () => {
    const temp = createTempDb();
    subscribeWith(temp.db, { email: 'a@buyer.test', sendWhenEmpty: true });
    subscribeWith(temp.db, { email: 'b@buyer.test', sendWhenEmpty: true, cadence: 'weekly' });
    const outbox = path.join(temp.dir, 'outbox');
    // Every second (croner's six-field form), so the two workers contend for the job again and again.
    const env = { DATABASE_PATH: temp.file, CHIPWATCH_OUTBOX_DIR: outbox, CHIPWATCH_DIGEST_CRON: '* * * * * *', CHIPWATCH_ALERT_CRON: '* * * * * *' };
    const workers = [spawnTs('jobs/worker.ts', env), spawnTs('jobs/worker.ts', env)];
    try {
      const runs = () => temp.db.select().from(jobRuns).all().filter((r) => r.job === 'digests' && r.status !== 'running');
      await waitFor('several digest runs', () => runs().length >= 6, 45_000);
      for (const w of workers) w.child.kill('SIGTERM');
      expect(await Promise.all(workers.map((w) => w.exited))).toEqual([0, 0]);

      expect(fs.readdirSync(outbox).filter((f) => f.endsWith('.eml')).map((f) => f.split('-')[1]).sort()).toEqual(['a@buyer.test', 'b@buyer.test']);
      const done = runs().sort((x, y) => x.startedAt.getTime() - y.startedAt.getTime());
      expect(done.every((r) => r.status === 'ok' && r.finishedAt !== null)).toBe(true);
      expect(done.reduce((n, r) => n + (r.counts?.sent ?? 0), 0)).toBe(2);
      // No run started before the previous one had finished, whichever process ran it.
      for (let i = 1; i < done.length; i++) expect(done[i].startedAt.getTime()).toBeGreaterThanOrEqual(done[i - 1].finishedAt!.getTime());
      expect(temp.db.select().from(jobRuns).all().some((r) => r.job === 'alerts' && r.status === 'ok')).toBe(true);
      expect(temp.db.select().from(jobLocks).all()).toHaveLength(0);
    } finally {
      for (const w of workers) w.child.kill('SIGKILL');
      temp.cleanup();
    }
  }, 90_000);
});

describe('npm start', () => {
  it('migrates, loads the sample archive into an empty database, serves the dashboard and runs the worker; Ctrl-C stops both', async () => {
    const temp = createTempDb();
    // A local feed stands in for the default list, so this test never reaches out to the internet.
    addFeed(temp.db, server.url('/local.xml'));
    const port = await freePort();
    const start = spawnTs('jobs/start.ts', { DATABASE_PATH: temp.file, PORT: String(port) });
    try {
      const base = `http://127.0.0.1:${port}`;
      await waitFor(
        'the dashboard',
        async () => {
          try {
            return (await fetch(`${base}/api/health`)).ok;
          } catch {
            return undefined;
          }
        },
        150_000,
      );
      // The first start created an admin and printed its password, once; the dashboard needs it.
      const password = /its password, shown only this once: (\S+)/.exec(start.output())?.[1];
      expect(password, start.output()).toBeDefined();
      expect(start.output().split(password!)).toHaveLength(2);
      expect((await fetch(`${base}/`, { redirect: 'manual' })).headers.get('location')).toBe('/login');
      const login = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'admin@chipwatch.local', password }) });
      expect(login.status).toBe(200);
      const cookie = login.headers.get('set-cookie')!.split(';')[0];
      const html = await (await fetch(`${base}/`, { headers: { cookie } })).text();
      const items = temp.db.$client.prepare('select count(*) as n from items').get() as { n: number };
      expect(items.n).toBeGreaterThanOrEqual(200);
      expect(html).toContain('data-testid="count-items"');
      // Events and scores exist from the first page on: the first run computes them before serving.
      const events = Number(/data-testid="count-events">([\d,]+)/.exec(html)?.[1].replace(/,/g, ''));
      expect(events).toBeGreaterThan(200);
      await waitFor('the worker to fetch the local feed', () => server.hits('/local.xml') > 0, 30_000);

      start.child.kill('SIGINT');
      expect(await start.exited).toBe(0);
      await expect(fetch(`http://127.0.0.1:${port}/`)).rejects.toThrow();
    } finally {
      start.child.kill('SIGKILL');
      temp.cleanup();
    }
  }, 200_000);
});
