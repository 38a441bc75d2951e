import type { Db } from '../db';
import { LockHeldError } from '../lib/jobs/job-lock';
import { log } from '../lib/log';
import { runIngest } from '../lib/feeds/run-ingest';
import { alertJob } from './alert-job';
import { exposureJob } from './exposure-job';

/**
 * The scheduled ingest: only due feeds. A run already in progress elsewhere is not an error. When
 * the run stored anything, exposure is brought up to date right after it, then alerts go out.
 */
export const ingestJob = {
  id: 'ingest',
  scheduleEnv: 'CHIPWATCH_INGEST_CRON',
  async handler(db: Db, signal: AbortSignal): Promise<void> {
    try {
      const summary = await runIngest(db, { dueOnly: true, signal });
      if (summary.inserted + summary.updated > 0) {
        await exposureJob.handler(db);
        if (!signal.aborted) await alertJob.handler(db, signal);
      }
    } catch (err) {
      if (err instanceof LockHeldError) {
        log.info({ job: 'ingest' }, `skipped: ${err.message}`);
        return;
      }
      log.error({ job: 'ingest', err }, 'ingest run failed');
    }
  },
};
