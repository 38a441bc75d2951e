import { Cron } from 'croner';
import { closeDb, getDb, migrateDb } from '../db';
import { getConfig } from '../lib/config';
import { log } from '../lib/log';
import { ingestJob } from './ingest-job';

/**
 * The job runner: croner fires the schedule, the job itself takes the database lock, so two
 * workers (or a worker and a CLI run) never ingest at once. On SIGTERM or SIGINT it stops starting
 * feeds, lets the ones in flight finish, records the run, and exits.
 */
const config = getConfig();
const db = getDb();
migrateDb(db);

const shutdown = new AbortController();
let current: Promise<void> | undefined;

function trigger(): void {
  if (current || shutdown.signal.aborted) return;
  current = ingestJob.handler(db, shutdown.signal).finally(() => {
    current = undefined;
  });
}

const schedule = new Cron(config.CHIPWATCH_INGEST_CRON, { name: ingestJob.id, protect: true }, trigger);
log.info({ job: ingestJob.id, cron: config.CHIPWATCH_INGEST_CRON, next: schedule.nextRun()?.toISOString() }, 'worker started');
trigger();

async function stop(signal: string): Promise<void> {
  if (shutdown.signal.aborted) return;
  log.info({ signal }, 'worker stopping');
  schedule.stop();
  shutdown.abort();
  const grace = new Promise<void>((resolve) => setTimeout(resolve, 25_000).unref());
  await Promise.race([current ?? Promise.resolve(), grace]);
  closeDb();
  process.exit(0);
}

process.on('SIGTERM', () => void stop('SIGTERM'));
process.on('SIGINT', () => void stop('SIGINT'));
