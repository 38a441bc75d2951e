import { Cron } from 'croner';
import { closeDb, getDb, migrateDb, type Db } from '../db';
import { getConfig } from '../lib/config';
import { log } from '../lib/log';
import { exposureJob } from './exposure-job';
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
// One job at a time in this process: exposure reads what ingest writes, and both write the database.
let current: Promise<void> | undefined;

function trigger(job: { handler(db: Db, signal: AbortSignal): Promise<void> }): void {
  if (current || shutdown.signal.aborted) return;
  current = job.handler(db, shutdown.signal).finally(() => {
    current = undefined;
  });
}

const schedules = [
  new Cron(config.CHIPWATCH_INGEST_CRON, { name: ingestJob.id, protect: true }, () => trigger(ingestJob)),
  new Cron(config.CHIPWATCH_EXPOSURE_CRON, { name: exposureJob.id, protect: true }, () => trigger(exposureJob)),
];
for (const s of schedules) log.info({ job: s.name, next: s.nextRun()?.toISOString() }, 'job scheduled');
log.info('worker started');
// On start: exposure first (the whole computation on a first run, so the sample archive has
// scores at once; otherwise a cheap catch-up), then the due feeds.
current = exposureJob.handler(db).finally(() => {
  current = undefined;
  trigger(ingestJob);
});

async function stop(signal: string): Promise<void> {
  if (shutdown.signal.aborted) return;
  log.info({ signal }, 'worker stopping');
  for (const s of schedules) s.stop();
  shutdown.abort();
  const grace = new Promise<void>((resolve) => setTimeout(resolve, 25_000).unref());
  await Promise.race([current ?? Promise.resolve(), grace]);
  closeDb();
  process.exit(0);
}

process.on('SIGTERM', () => void stop('SIGTERM'));
process.on('SIGINT', () => void stop('SIGINT'));
