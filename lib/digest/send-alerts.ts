import type { Db } from '../../db';
import { runLockedJob } from '../jobs/run-locked-job';
import { buildAlertMessage } from './alert-email';
import { claimDelivery, markFailed, markSent, settleInterrupted } from './deliveries';
import { findAlerts } from './find-alerts';
import type { Mailer } from './mailer';
import { listSubscriptions } from './manage-subscriptions';

export interface AlertSummary {
  sent: number;
  failed: number;
  skipped: number;
  failures: { email: string; key: string; error: string }[];
}

/**
 * The alerts job (after every ingest that stored something, and on its own schedule): every alert
 * that is true now, delivered through the same exactly-once claim as digests, keyed per event or
 * per rise, so it reaches each subscriber once. A failed one is retried on later runs with backoff
 * for as long as it is still news.
 */
export async function sendAlerts(db: Db, settings: { mailer: Mailer; appUrl: string; from: string; now?: () => Date; signal?: AbortSignal }): Promise<AlertSummary> {
  const now = settings.now ?? (() => new Date());
  return runLockedJob(
    db,
    'alerts',
    async () => {
      const summary: AlertSummary = { sent: 0, failed: 0, skipped: 0, failures: [] };
      const settled = settleInterrupted(db, 'alert', (id) => settings.mailer.wasAccepted(id), now());
      for (const sub of listSubscriptions(db)) {
        if (sub.paused || (sub.alertScoreRise === null && sub.alertMinSeverity === null)) continue;
        for (const alert of findAlerts(db, sub, now())) {
          if (settings.signal?.aborted) break;
          const claim = claimDelivery(db, { subscriptionId: sub.id, kind: 'alert', key: alert.key }, { now: now(), messageIdDomain: new URL(settings.appUrl).hostname });
          if (!claim.claimed) {
            summary.skipped++;
            continue;
          }
          try {
            await settings.mailer.send(await buildAlertMessage(sub, alert, settings.appUrl), { from: settings.from, messageId: claim.delivery.messageId, date: now() });
            markSent(db, claim.delivery.id, now(), null);
            summary.sent++;
          } catch (err) {
            const error = err instanceof Error ? err.message : String(err);
            markFailed(db, claim.delivery, error, now());
            summary.failed++;
            summary.failures.push({ email: sub.email, key: alert.key, error });
          }
        }
      }
      return {
        result: summary,
        counts: { sent: summary.sent, failed: summary.failed, skipped: summary.skipped, uncertain: settled.uncertain },
        error: summary.failures.length ? summary.failures.map((f) => `${f.email} (${f.key}): ${f.error}`).join('; ') : undefined,
      };
    },
    { signal: settings.signal },
  );
}
