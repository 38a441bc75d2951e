import type { Db } from '../db';
import { getConfig } from '../lib/config';
import { mailSettings } from '../lib/digest/mail-settings';
import { sendDigests } from '../lib/digest/send-digests';
import { LockHeldError } from '../lib/jobs/job-lock';
import { log } from '../lib/log';

/** Sends the digests whose period has ended; failed sends wait for their backoff (lib/digest/deliveries.ts). */
export const digestJob = {
  id: 'digests',
  scheduleEnv: 'CHIPWATCH_DIGEST_CRON',
  async handler(db: Db, signal?: AbortSignal): Promise<void> {
    const settings = mailSettings(getConfig());
    try {
      const summary = await sendDigests(db, { ...settings, mode: 'due', signal });
      const failed = summary.outcomes.filter((o) => o.status === 'failed');
      log.info({ job: 'digests', sent: summary.sent, empty: summary.empty, failed: summary.failed, skipped: summary.skipped, transport: settings.mailer.kind }, 'digests run finished');
      for (const f of failed) log.warn({ job: 'digests', email: f.email, period: f.key, error: f.error, nextAttemptAt: f.nextAttemptAt }, 'digest send failed');
    } catch (err) {
      if (err instanceof LockHeldError) {
        log.info({ job: 'digests' }, `skipped: ${err.message}`);
        return;
      }
      log.error({ job: 'digests', err }, 'digests run failed');
    } finally {
      settings.mailer.close();
    }
  },
};
