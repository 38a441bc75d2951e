import { randomUUID } from 'node:crypto';
import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db';
import { digestDeliveries, type DeliveryKind, type DigestDelivery } from '../../db/schema';

/*
 * Exactly-once delivery, kept in digest_deliveries.
 *
 * A row per (subscription, kind, key) is claimed *before* anything is sent: status 'sending' and a
 * Message-ID generated once and stored with it. Only then is the message handed to the transport,
 * and the row becomes 'sent' (or 'failed', retried later with backoff). The unique key means a
 * rerun, or a second process, can never claim the same period twice; the job lock means no two
 * senders run at once, so a 'sending' row seen at the start of a run was left by a sender that died.
 *
 * What such a row means depends on where the sender died: before the transport accepted the
 * message, or after it accepted but before the row was updated. With the outbox we can look (the
 * .eml file named by the Message-ID exists or not) and settle it either way. An SMTP server cannot
 * be asked, so the row becomes 'uncertain' and is NOT resent automatically: a duplicate is the
 * failure the subscriber notices and complains about, while a possibly missed digest is shown on
 * /digests with a "send again" button for a person to decide. If it is sent again it carries the
 * same Message-ID, which lets receiving systems that de-duplicate by Message-ID drop a second copy.
 */

export const MAX_ATTEMPTS = 8;
const FIRST_RETRY_MS = 5 * 60_000;
const MAX_RETRY_MS = 6 * 3_600_000;

/** 5, 10, 20, 40 minutes … capped at 6 hours. */
export function retryDelayMs(attempts: number): number {
  return Math.min(FIRST_RETRY_MS * 2 ** Math.max(0, attempts - 1), MAX_RETRY_MS);
}

export interface DeliveryTarget {
  subscriptionId: number;
  kind: DeliveryKind;
  key: string;
  periodStart?: Date;
  periodEnd?: Date;
}

export type Claim =
  | { claimed: true; delivery: DigestDelivery }
  | { claimed: false; reason: 'done' | 'uncertain' | 'waiting' | 'gave-up'; delivery: DigestDelivery };

/**
 * Takes the right to send one message. `ignoreBackoff`: retry a failed send now (a person ran the
 * command), instead of waiting for its next attempt time as the scheduler does.
 */
export function claimDelivery(db: Db, target: DeliveryTarget, options: { now: Date; messageIdDomain: string; ignoreBackoff?: boolean }): Claim {
  const { now } = options;
  return db.transaction(
    (tx) => {
      const where = and(eq(digestDeliveries.subscriptionId, target.subscriptionId), eq(digestDeliveries.kind, target.kind), eq(digestDeliveries.key, target.key));
      const existing = tx.select().from(digestDeliveries).where(where).get();
      if (!existing) {
        const delivery = tx
          .insert(digestDeliveries)
          .values({
            ...target,
            messageId: `<${randomUUID()}.${target.kind}@${options.messageIdDomain}>`,
            status: 'sending',
            attempts: 1,
            createdAt: now,
            updatedAt: now,
          })
          .returning()
          .get();
        return { claimed: true as const, delivery };
      }
      switch (existing.status) {
        case 'sent':
        case 'empty':
          return { claimed: false as const, reason: 'done' as const, delivery: existing };
        case 'sending':
        case 'uncertain':
          // settleInterrupted() runs first in every run; a 'sending' row here is treated like 'uncertain'.
          return { claimed: false as const, reason: 'uncertain' as const, delivery: existing };
        case 'failed': {
          if (existing.attempts >= MAX_ATTEMPTS || existing.nextAttemptAt === null) return { claimed: false as const, reason: 'gave-up' as const, delivery: existing };
          if (!options.ignoreBackoff && existing.nextAttemptAt.getTime() > now.getTime()) return { claimed: false as const, reason: 'waiting' as const, delivery: existing };
          const delivery = tx
            .update(digestDeliveries)
            .set({ status: 'sending', attempts: existing.attempts + 1, updatedAt: now })
            .where(eq(digestDeliveries.id, existing.id))
            .returning()
            .get();
          return { claimed: true as const, delivery };
        }
      }
    },
    { behavior: 'immediate' },
  );
}

export function markSent(db: Db, id: number, now: Date, eventCount: number | null): void {
  db.update(digestDeliveries).set({ status: 'sent', sentAt: now, updatedAt: now, lastError: null, nextAttemptAt: null, eventCount }).where(eq(digestDeliveries.id, id)).run();
}

export function markEmpty(db: Db, id: number, now: Date): void {
  db.update(digestDeliveries).set({ status: 'empty', updatedAt: now, lastError: null, nextAttemptAt: null, eventCount: 0 }).where(eq(digestDeliveries.id, id)).run();
}

/** Records a refused or failed attempt; the next one waits retryDelayMs, and after MAX_ATTEMPTS there is none. */
export function markFailed(db: Db, delivery: DigestDelivery, error: string, now: Date): Date | null {
  const next = delivery.attempts >= MAX_ATTEMPTS ? null : new Date(now.getTime() + retryDelayMs(delivery.attempts));
  db.update(digestDeliveries).set({ status: 'failed', lastError: error.slice(0, 1000), nextAttemptAt: next, updatedAt: now }).where(eq(digestDeliveries.id, delivery.id)).run();
  return next;
}

/**
 * Settles rows left 'sending' by a sender that died (see the note at the top). Call it holding the
 * job's lock, before claiming anything. `wasAccepted` answers from the transport: true, false, or
 * null for "cannot know".
 */
export function settleInterrupted(db: Db, kind: DeliveryKind, wasAccepted: (messageId: string) => boolean | null, now: Date): { recovered: number; retried: number; uncertain: number } {
  const rows = db.select().from(digestDeliveries).where(and(eq(digestDeliveries.kind, kind), eq(digestDeliveries.status, 'sending'))).all();
  const counts = { recovered: 0, retried: 0, uncertain: 0 };
  for (const row of rows) {
    const accepted = wasAccepted(row.messageId);
    if (accepted === true) {
      markSent(db, row.id, now, row.eventCount);
      counts.recovered++;
    } else if (accepted === false) {
      db.update(digestDeliveries)
        .set({ status: 'failed', lastError: 'the sender stopped before the message was handed over; sending again', nextAttemptAt: now, updatedAt: now })
        .where(eq(digestDeliveries.id, row.id))
        .run();
      counts.retried++;
    } else {
      db.update(digestDeliveries)
        .set({
          status: 'uncertain',
          lastError: 'the sender stopped while handing the message to the SMTP server; it may or may not have been delivered, so it is not resent automatically',
          updatedAt: now,
        })
        .where(eq(digestDeliveries.id, row.id))
        .run();
      counts.uncertain++;
    }
  }
  return counts;
}

/** Failed rows of a kind whose retry is due (or every retryable one, with `ignoreBackoff`). */
export function retryableDeliveries(db: Db, kind: DeliveryKind, now: Date, ignoreBackoff = false): DigestDelivery[] {
  return db
    .select()
    .from(digestDeliveries)
    .where(and(eq(digestDeliveries.kind, kind), eq(digestDeliveries.status, 'failed')))
    .all()
    .filter((d) => d.nextAttemptAt !== null && d.attempts < MAX_ATTEMPTS && (ignoreBackoff || d.nextAttemptAt.getTime() <= now.getTime()));
}

/** A person's decision on /digests: send an uncertain or abandoned delivery again at the next run. */
export function getDelivery(db: Db, id: number): DigestDelivery | undefined {
  return db.select().from(digestDeliveries).where(eq(digestDeliveries.id, id)).get();
}

export function requeueDelivery(db: Db, id: number, now = new Date()): boolean {
  const result = db
    .update(digestDeliveries)
    .set({ status: 'failed', nextAttemptAt: now, attempts: 0, updatedAt: now })
    .where(and(eq(digestDeliveries.id, id), inArray(digestDeliveries.status, ['uncertain', 'failed'])))
    .run();
  return result.changes > 0;
}
