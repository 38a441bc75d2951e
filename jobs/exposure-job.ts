import type { Db } from '../db';
import { refreshExposure } from '../lib/exposure/refresh-exposure';
import { LockHeldError } from '../lib/jobs/job-lock';
import { log } from '../lib/log';

/** Brings events, company scores and country indexes up to date (incrementally after the first run). */
export const exposureJob = {
  id: 'exposure',
  scheduleEnv: 'CHIPWATCH_EXPOSURE_CRON',
  async handler(db: Db): Promise<void> {
    try {
      const result = refreshExposure(db);
      log.info({ job: 'exposure', ...result }, 'exposure updated');
    } catch (err) {
      if (err instanceof LockHeldError) {
        log.info({ job: 'exposure' }, `skipped: ${err.message}`);
        return;
      }
      log.error({ job: 'exposure', err }, 'exposure update failed');
    }
  },
};
