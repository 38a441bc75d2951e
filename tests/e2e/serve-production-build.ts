import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { closeDb, getDb, migrateDb } from '../../db';
import { addFeed } from '../../lib/feeds/manage-feeds';
import { loadSampleArchive } from '../../lib/feeds/load-sample';
import { runIngest } from '../../lib/feeds/run-ingest';
import { refreshExposure } from '../../lib/exposure/refresh-exposure';

/**
 * The e2e tests' server: a fresh database holding the sample archive, a fixture item with markup
 * payloads, and one feed that fails (a port nothing listens on), with exposure computed, then the
 * production build served by `next start`.
 */
async function main(): Promise<void> {
  const file = process.env.DATABASE_PATH!;
  fs.rmSync(path.dirname(file), { recursive: true, force: true });
  const db = getDb();
  migrateDb(db);
  await loadSampleArchive(db);
  // One item with markup payloads in its text (tests/e2e/events/hostile-item.spec.ts), through the same path.
  await loadSampleArchive(db, path.join(__dirname, 'fixtures', 'hostile'));
  addFeed(db, `http://127.0.0.1:${await closedPort()}/unreachable.xml`, 'Unreachable test feed');
  await runIngest(db, { allowPrivate: true, timeoutMs: 5_000 });
  refreshExposure(db);
  closeDb();

  if (!fs.existsSync(path.join(process.cwd(), '.next', 'BUILD_ID'))) {
    throw new Error('no production build: run `npm run build` before the e2e tests');
  }
  const server = spawn(path.join('node_modules', '.bin', 'next'), ['start', '-p', process.env.PORT ?? '3123', '-H', '127.0.0.1'], {
    stdio: 'inherit',
    env: process.env,
  });
  const stop = () => server.kill('SIGTERM');
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  server.on('exit', (code) => process.exit(code ?? 0));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

/** A port that was free a moment ago: connecting to it is refused. */
function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}
