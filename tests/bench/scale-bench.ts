import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { CLI_ACTOR } from '../../lib/auth/audit';
import { createSession } from '../../lib/auth/sessions';
import { SESSION_COOKIE } from '../../lib/auth/session-cookie';
import { createUser } from '../../lib/auth/users';
import { generateScaleDb } from './scale-db';
import { freePort } from '../helpers/free-port';

/**
 * The dashboard at scale (issue 4): a generated database of ITEMS items, then `exposure rebuild`
 * timed in its own process, then the production server measured request by request. Prints
 * figures; asserts nothing.
 */
const ROOT = path.resolve(__dirname, '../..');
// A past range: its last day has no stored snapshot, so the ledger is computed from the events.
const PAST = pastRange(new Date(), 183, 181);
const PAGES = ['/', '/companies/micron', '/events?company=micron&country=CN', `/companies/micron?${PAST}`];
const APIS = [
  '/api/events?company=micron&country=CN',
  '/api/events?q=export&limit=50',
  '/api/exposure?company=micron',
  `/api/exposure?company=micron&${PAST}`,
  '/api/events.csv?company=micron&country=CN',
  '/api/health',
];
const WARMUP = 3;
let cookie = '';
const SAMPLES = Number(process.env.BENCH_SCALE_SAMPLES ?? 30);

export async function runScaleBench(work: string): Promise<void> {
  const items = Number(process.env.BENCH_SCALE_ITEMS ?? 1_000_000);
  const file = path.join(work, 'scale.db');
  console.log('');
  console.log(`dashboard at scale: ${items.toLocaleString('en-US')} items (half relevant), 150 companies, 8 years`);
  let started = Date.now();
  const db = generateScaleDb(file, { items, companies: 150, years: 8, endDay: new Date().toISOString().slice(0, 10) });
  // Every page and API needs a signed-in account (issue 6): a viewer, as a reader of the dashboard.
  const viewer = await createUser(db, CLI_ACTOR, { email: 'bench-viewer@chipwatch.local', role: 'viewer', password: randomUUID() });
  cookie = `${SESSION_COOKIE}=${createSession(db, viewer.id).token}`;
  db.$client.close();
  console.log(`  generated in ${((Date.now() - started) / 1000).toFixed(1)} s (${(fs.statSync(file).size / 2 ** 20).toFixed(0)} MiB)`);

  started = Date.now();
  const rebuild = spawnSync(process.execPath, ['--import', 'tsx', 'jobs/cli.ts', 'exposure', 'rebuild'], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_PATH: file, LOG_LEVEL: 'error' },
    encoding: 'utf8',
  });
  if (rebuild.status !== 0) throw new Error(`exposure rebuild failed: ${rebuild.stderr}`);
  const rebuildSeconds = (Date.now() - started) / 1000;
  console.log(`  exposure rebuild:    ${rebuildSeconds.toFixed(1)} s   (target < 60 s: ${rebuildSeconds < 60 ? 'met' : 'MISSED'})`);
  console.log(`    ${rebuild.stdout.trim()}`);

  if (!fs.existsSync(path.join(ROOT, '.next', 'BUILD_ID'))) {
    console.log('  building the app (no production build found)…');
    const build = spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'ignore' });
    if (build.status !== 0) throw new Error('npm run build failed');
  }
  const port = await freePort();
  const server = spawn(process.execPath, ['--import', 'tsx', 'jobs/serve.ts', '--hostname', '127.0.0.1'], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_PATH: file, LOG_LEVEL: 'error', PORT: String(port) },
    stdio: 'ignore',
  });
  try {
    await waitForServer(`http://127.0.0.1:${port}/api/health`);
    console.log(`  response times over ${SAMPLES} sequential requests each, after ${WARMUP} warm-up requests:`);
    for (const [kind, urls, target] of [['page', PAGES, 300], ['API', APIS, 100]] as const) {
      for (const url of urls) {
        const times = await measure(`http://127.0.0.1:${port}${url}`);
        const p95 = percentile(times, 0.95);
        console.log(
          `    ${kind.padEnd(4)} ${url.padEnd(72)} p50 ${percentile(times, 0.5).toFixed(0).padStart(5)} ms  p95 ${p95.toFixed(0).padStart(5)} ms  (target < ${target} ms: ${p95 < target ? 'met' : 'MISSED'})`,
        );
      }
    }
  } finally {
    server.kill('SIGTERM');
  }
}

async function measure(url: string): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < WARMUP + SAMPLES; i++) {
    const started = performance.now();
    // A redirect would be to /login: the sign-in did not hold, and the figure would be the login page's.
    const res = await fetch(url, { headers: { cookie }, redirect: 'manual' });
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`${url}: HTTP ${res.status}`);
    if (i >= WARMUP) times.push(performance.now() - started);
  }
  return times;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
}

async function waitForServer(url: string): Promise<void> {
  for (let i = 0; i < 600; i++) {
    try {
      if ((await fetch(url)).status < 500) return;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`server did not answer at ${url}`);
}

/** `from=…&to=…`: `to` is `daysBack` days before `today`, and the range `length` days long. */
function pastRange(today: Date, daysBack: number, length: number): string {
  const day = (offset: number) => new Date(today.getTime() - offset * 86_400_000).toISOString().slice(0, 10);
  return `from=${day(daysBack + length)}&to=${day(daysBack)}`;
}
