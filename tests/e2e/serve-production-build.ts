import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { closeDb, getDb, migrateDb } from '../../db';
import { ROLES } from '../../db/schema';
import { CLI_ACTOR } from '../../lib/auth/audit';
import { createUser } from '../../lib/auth/users';
import { storeFeedDocument } from '../../lib/feeds/ingest-feed';
import { hostileCorpusRss } from '../fixtures/xss/corpus-feed';
import { E2E_ACCOUNTS, RATE_LIMITED_ACCOUNT } from './accounts';
import { addFeed } from '../../lib/feeds/manage-feeds';
import { loadSampleArchive } from '../../lib/feeds/load-sample';
import { runIngest } from '../../lib/feeds/run-ingest';
import { refreshExposure } from '../../lib/exposure/refresh-exposure';
import { freePort } from '../helpers/free-port';

/**
 * The e2e tests' server: a fresh database holding the sample archive, a fixture item with markup
 * payloads, the XSS corpus, an account per role, and one feed that fails (a port nothing listens on), with exposure computed, then the
 * production build served by jobs/serve.ts, as `npm start` serves it.
 */
async function main(): Promise<void> {
  const file = process.env.DATABASE_PATH!;
  fs.rmSync(path.dirname(file), { recursive: true, force: true });
  const db = getDb();
  migrateDb(db);
  await loadSampleArchive(db);
  // One item with markup payloads in its text (tests/e2e/events/hostile-item.spec.ts), through the same path.
  await loadSampleArchive(db, path.join(__dirname, 'fixtures', 'hostile'));
  addFeed(db, `http://127.0.0.1:${await freePort()}/unreachable.xml`, 'Unreachable test feed');
  await runIngest(db, { allowPrivate: true, timeoutMs: 5_000 });
  // The XSS corpus (tests/fixtures/xss) through the normal parse-and-store path, after the ingest
  // run so the harness never tries to fetch its made-up host.
  const { feed: corpusFeed } = addFeed(db, 'https://xss-corpus.e2e.example/feed.xml', 'XSS corpus');
  await storeFeedDocument(db, corpusFeed, Buffer.from(hostileCorpusRss()), 'application/rss+xml', { now: new Date(), nextCheckAt: null });
  refreshExposure(db);
  // One account per role; specs sign in through the API (auth.setup.ts).
  for (const role of ROLES) await createUser(db, CLI_ACTOR, { ...E2E_ACCOUNTS[role], role });
  await createUser(db, CLI_ACTOR, RATE_LIMITED_ACCOUNT);
  closeDb();

  if (!fs.existsSync(path.join(process.cwd(), '.next', 'BUILD_ID'))) {
    throw new Error('no production build: run `npm run build` before the e2e tests');
  }
  const server = spawn(process.execPath, ['--import', 'tsx', 'jobs/serve.ts', '--hostname', '127.0.0.1'], {
    stdio: 'inherit',
    env: { ...process.env, PORT: process.env.PORT ?? '3123' },
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
