import { spawn } from 'node:child_process';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { feeds, jobLocks, jobRuns } from '../../db/schema';
import { addFeed } from '../../lib/feeds/manage-feeds';
import { rss2, serve, startFeedServer, type FeedServer } from '../helpers/feed-server';
import { ROOT } from '../helpers/run-cli';
import { createTempDb } from '../helpers/temp-db';

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

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
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
