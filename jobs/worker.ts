import { Cron } from 'croner';
import { closeDb, getDb, migrateDb, type Db } from '../db';
import { getConfig } from '../lib/config';
import { log } from '../lib/log';
import { alertJob } from './alert-job';
import { digestJob } from './digest-job';
import { exposureJob } from './exposure-job';
import { ingestJob } from './ingest-job';

/**
 * The job runner: croner fires the schedules (ingest, exposure, digests, alerts; each settable by
 * env), each job takes its database lock, so two workers (or a worker and a CLI run) never run the
 * same job at once, and records its run in job_runs (shown at /status). On SIGTERM or SIGINT it
 * stops starting feeds and messages, lets the ones in flight finish, records the run, and exits.
 */
const config = getConfig();
const db = getDb();
migrateDb(db);

const shutdown = new AbortController();
// One job at a time in this process: exposure reads what ingest writes, and all of them write the
// database. A job whose schedule fires while another runs waits its turn instead of being dropped,
// or the every-minute ingest would keep starving the digests that fire on the same minute.
interface Job {
  id: string;
  handler(db: Db, signal: AbortSignal): Promise<void>;
}
let current: Promise<void> | undefined;
const waiting: Job[] = [];

function trigger(job: Job): void {
  if (shutdown.signal.aborted) return;
  if (current) {
    if (!waiting.includes(job)) waiting.push(job);
    return;
  }
  current = job.handler(db, shutdown.signal).finally(() => {
    current = undefined;
    const next = waiting.shift();
    if (next) trigger(next);
  });
}

const schedules = [
  new Cron(config.CHIPWATCH_INGEST_CRON, { name: ingestJob.id, protect: true }, () => trigger(ingestJob)),
  new Cron(config.CHIPWATCH_EXPOSURE_CRON, { name: exposureJob.id, protect: true }, () => trigger(exposureJob)),
  new Cron(config.CHIPWATCH_DIGEST_CRON, { name: digestJob.id, protect: true }, () => trigger(digestJob)),
  new Cron(config.CHIPWATCH_ALERT_CRON, { name: alertJob.id, protect: true }, () => trigger(alertJob)),
];
for (const s of schedules) log.info({ job: s.name, next: s.nextRun()?.toISOString() }, 'job scheduled');
log.info('worker started');
// On start: exposure first (the whole computation on a first run, so the sample archive has
// scores at once; otherwise a cheap catch-up), then the due feeds.
trigger(exposureJob);
trigger(ingestJob);

async function stop(signal: string): Promise<void> {
  if (shutdown.signal.aborted) return;
  log.info({ signal }, 'worker stopping');
  for (const s of schedules) s.stop();
  shutdown.abort();
  waiting.length = 0;
  const grace = new Promise<void>((resolve) => setTimeout(resolve, 25_000).unref());
  await Promise.race([current ?? Promise.resolve(), grace]);
  closeDb();
  process.exit(0);
}

process.on('SIGTERM', () => void stop('SIGTERM'));
process.on('SIGINT', () => void stop('SIGINT'));
