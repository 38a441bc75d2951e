import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { closeDb, getDb, migrateDb } from '../db';
import { getConfig } from '../lib/config';
import { prepareFirstRun } from '../lib/setup/first-run';

/**
 * `npm start`: migrate, fill an empty database, build when the build is missing or older than the
 * sources, then run the dashboard and the job runner side by side until Ctrl-C stops both.
 */
const ROOT = process.cwd();
const BIN = (name: string) => path.join(ROOT, 'node_modules', '.bin', name);
const SOURCES = ['app', 'lib', 'db', 'proxy.ts', 'next.config.js', 'package-lock.json', 'tsconfig.json'];

function newestMtime(entry: string): number {
  const stat = fs.statSync(entry, { throwIfNoEntry: false });
  if (!stat) return 0;
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const child of fs.readdirSync(entry)) newest = Math.max(newest, newestMtime(path.join(entry, child)));
  return newest;
}

function buildIsCurrent(): boolean {
  const buildId = fs.statSync(path.join(ROOT, '.next', 'BUILD_ID'), { throwIfNoEntry: false });
  if (!buildId) return false;
  return SOURCES.every((s) => newestMtime(path.join(ROOT, s)) <= buildId.mtimeMs);
}

async function main(): Promise<void> {
  const config = getConfig();
  const db = getDb();
  migrateDb(db);
  for (const line of await prepareFirstRun(db)) console.log(`chipwatch: ${line}`);
  closeDb();

  if (!buildIsCurrent()) {
    console.log('chipwatch: building the dashboard (first start or changed sources)…');
    const build = spawnSync(BIN('next'), ['build'], { stdio: 'inherit' });
    if (build.status !== 0) {
      console.error('chipwatch: build failed');
      process.exit(build.status ?? 1);
    }
  }

  const children: ChildProcess[] = [
    // Our server around Next.js (it takes the client address from the socket), on PORT like `next start -p` was.
    spawn(process.execPath, ['--import', 'tsx', 'jobs/serve.ts'], { stdio: 'inherit' }),
    spawn(BIN('tsx'), ['jobs/worker.ts'], { stdio: 'inherit' }),
  ];
  console.log(`chipwatch: dashboard on http://localhost:${config.PORT}, job runner started (Ctrl-C stops both)`);

  let stopping = false;
  const stopAll = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    for (const child of children) if (child.exitCode === null) child.kill(signal);
  };
  process.on('SIGINT', () => stopAll('SIGINT'));
  process.on('SIGTERM', () => stopAll('SIGTERM'));

  const exits = children.map((child) => new Promise<number>((resolve) => child.on('exit', (code) => resolve(code ?? 0))));
  // When one side dies on its own, take the other down too rather than run half an app.
  const first = await Promise.race(exits);
  const askedToStop = stopping;
  stopAll('SIGTERM');
  await Promise.all(exits);
  process.exit(askedToStop ? 0 : first || 1);
}

main().catch((err) => {
  console.error(`chipwatch: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
