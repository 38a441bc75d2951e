import type { Db } from '../../db';
import type { DigestSubscription } from '../../db/schema';
import { runLockedJob } from '../jobs/run-locked-job';
import { buildDigest } from './build-digest';
import { claimDelivery, markEmpty, markFailed, markSent, retryableDeliveries, settleInterrupted } from './deliveries';
import type { Mailer } from './mailer';
import { getSubscription, listSubscriptions } from './manage-subscriptions';
import { currentPeriod, lastCompletedPeriod, type DigestPeriod } from './period';

export interface SendSettings {
  mailer: Mailer;
  appUrl: string;
  from: string;
  /** The clock, injected so tests can stand at any moment. */
  now?: () => Date;
  /** 'due': the last period that ended, as the scheduler sends; 'now': the period in progress. */
  mode?: 'due' | 'now';
  /** Say what would be sent; send and record nothing. */
  dryRun?: boolean;
  /** Retry failed sends at once instead of after their backoff (a person ran the command). */
  ignoreBackoff?: boolean;
  signal?: AbortSignal;
}

export interface SendOutcome {
  email: string;
  key: string;
  status: 'sent' | 'empty' | 'failed' | 'would-send' | 'would-skip-empty';
  events: number;
  error?: string;
  nextAttemptAt?: string | null;
}

export interface SendSummary {
  outcomes: SendOutcome[];
  sent: number;
  empty: number;
  failed: number;
  /** Periods already handled, or waiting for a retry or a person's decision. */
  skipped: number;
  settled: { recovered: number; retried: number; uncertain: number };
}

interface Target {
  sub: DigestSubscription;
  period: DigestPeriod;
}

/** `digest send` and the scheduled digest job: one run under the "digests" lock, recorded in job_runs. */
export async function sendDigests(db: Db, settings: SendSettings): Promise<SendSummary> {
  if (settings.dryRun) return sendRun(db, settings);
  return runLockedJob(
    db,
    'digests',
    async () => {
      const summary = await sendRun(db, settings);
      const failures = summary.outcomes.filter((o) => o.status === 'failed');
      return {
        result: summary,
        counts: { sent: summary.sent, empty: summary.empty, failed: summary.failed, skipped: summary.skipped, uncertain: summary.settled.uncertain },
        error: failures.length ? `${failures.length} failed: ${failures.map((f) => `${f.email} (${f.key}): ${f.error}`).join('; ')}` : undefined,
      };
    },
    { signal: settings.signal },
  );
}

async function sendRun(db: Db, settings: SendSettings): Promise<SendSummary> {
  const now = settings.now ?? (() => new Date());
  const summary: SendSummary = { outcomes: [], sent: 0, empty: 0, failed: 0, skipped: 0, settled: { recovered: 0, retried: 0, uncertain: 0 } };
  if (!settings.dryRun) summary.settled = settleInterrupted(db, 'digest', (id) => settings.mailer.wasAccepted(id), now());

  for (const target of targets(db, settings, now())) {
    // On shutdown: finish the message in hand, start no other.
    if (settings.signal?.aborted) break;
    const { sub, period } = target;
    if (settings.dryRun) {
      const built = await buildDigest(db, sub, period, settings.appUrl);
      const events = built.content.eventCount;
      summary.outcomes.push({ email: sub.email, key: period.key, status: events || sub.sendWhenEmpty ? 'would-send' : 'would-skip-empty', events });
      continue;
    }
    const claim = claimDelivery(
      db,
      { subscriptionId: sub.id, kind: 'digest', key: period.key, periodStart: period.start, periodEnd: period.end },
      { now: now(), messageIdDomain: new URL(settings.appUrl).hostname, ignoreBackoff: settings.ignoreBackoff },
    );
    if (!claim.claimed) {
      summary.skipped++;
      continue;
    }
    let events = 0;
    try {
      const built = await buildDigest(db, sub, period, settings.appUrl);
      events = built.content.eventCount;
      if (events === 0 && !sub.sendWhenEmpty) {
        markEmpty(db, claim.delivery.id, now());
        summary.empty++;
        summary.outcomes.push({ email: sub.email, key: period.key, status: 'empty', events });
        continue;
      }
      await settings.mailer.send(built.message, { from: settings.from, messageId: claim.delivery.messageId, date: now() });
      markSent(db, claim.delivery.id, now(), events);
      summary.sent++;
      summary.outcomes.push({ email: sub.email, key: period.key, status: 'sent', events });
    } catch (err) {
      const error = err instanceof Error ? err.message : String(err);
      const next = markFailed(db, claim.delivery, error, now());
      summary.failed++;
      summary.outcomes.push({ email: sub.email, key: period.key, status: 'failed', events, error, nextAttemptAt: next?.toISOString() ?? null });
    }
  }
  return summary;
}

/** Failed sends due for a retry first, then each active subscription's period. */
function targets(db: Db, settings: SendSettings, now: Date): Target[] {
  const out: Target[] = [];
  const seen = new Set<string>();
  const active = (sub: DigestSubscription | undefined): sub is DigestSubscription => !!sub && !sub.paused && sub.unsubscribedAt === null;
  for (const d of retryableDeliveries(db, 'digest', now, settings.ignoreBackoff)) {
    const sub = getSubscription(db, d.subscriptionId);
    if (!active(sub) || !d.periodStart || !d.periodEnd) continue;
    seen.add(`${sub.id} ${d.key}`);
    out.push({ sub, period: { key: d.key, start: d.periodStart, end: d.periodEnd } });
  }
  for (const sub of listSubscriptions(db)) {
    if (!active(sub)) continue;
    const period = settings.mode === 'now' ? currentPeriod(sub, now) : lastCompletedPeriod(sub, now);
    if (!seen.has(`${sub.id} ${period.key}`)) out.push({ sub, period });
  }
  return out;
}
