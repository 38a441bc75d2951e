import type { Db } from '../db';
import { LockHeldError } from '../lib/jobs/job-lock';
import { log } from '../lib/log';
import { runIngest } from '../lib/feeds/run-ingest';

/** The scheduled ingest: only due feeds. A run already in progress elsewhere is not an error. */
export const ingestJob = {
  id: 'ingest',
  scheduleEnv: 'CHIPWATCH_INGEST_CRON',
  async handler(db: Db, signal: AbortSignal): Promise<void> {
    try {
      await runIngest(db, { dueOnly: true, signal });
    } catch (err) {
      if (err instanceof LockHeldError) {
        log.info({ job: 'ingest' }, `skipped: ${err.message}`);
        return;
      }
      log.error({ job: 'ingest', err }, 'ingest run failed');
    }
  },
};
