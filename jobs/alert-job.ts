import type { Db } from '../db';
import { getConfig } from '../lib/config';
import { mailSettings } from '../lib/digest/mail-settings';
import { sendAlerts } from '../lib/digest/send-alerts';
import { LockHeldError } from '../lib/jobs/job-lock';
import { log } from '../lib/log';

/** Sends alerts that became true (score rises, severe events naming watched companies); also run after each ingest that stored something. */
export const alertJob = {
  id: 'alerts',
  scheduleEnv: 'CHIPWATCH_ALERT_CRON',
  async handler(db: Db, signal?: AbortSignal): Promise<void> {
    const settings = mailSettings(getConfig());
    try {
      const summary = await sendAlerts(db, { ...settings, signal });
      log.info({ job: 'alerts', sent: summary.sent, failed: summary.failed, skipped: summary.skipped }, 'alerts run finished');
      for (const f of summary.failures) log.warn({ job: 'alerts', ...f }, 'alert send failed');
    } catch (err) {
      if (err instanceof LockHeldError) {
        log.info({ job: 'alerts' }, `skipped: ${err.message}`);
        return;
      }
      log.error({ job: 'alerts', err }, 'alerts run failed');
    } finally {
      settings.mailer.close();
    }
  },
};
