import { randomBytes } from 'node:crypto';
import { and, asc, eq, isNull } from 'drizzle-orm';
import type { Db } from '../../db';
import { digestSubscriptions, type DigestSubscription } from '../../db/schema';
import { SubscriptionInputError, type SubscriptionInput } from './subscription-input';

/** An unguessable token: whoever holds the link may unsubscribe, nobody else. */
function newToken(): string {
  return randomBytes(24).toString('base64url');
}

export interface SubscribeOptions {
  /** The user creating it from the dashboard; none from the CLI. An existing subscription keeps its owner. */
  ownerUserId?: number | null;
  /**
   * Whether the caller may replace an existing subscription of the address (its owner, or an
   * admin): asked inside the transaction, so nobody can take over an address created meanwhile.
   */
  mayReplace?: (existing: DigestSubscription) => boolean;
}

/** Refused: the address already has a subscription the caller may not change. */
export class SubscriptionTakenError extends Error {
  constructor(readonly email: string) {
    super(`${email} already has a subscription that belongs to someone else; only an admin can change it`);
    this.name = 'SubscriptionTakenError';
  }
}

/**
 * Creates the subscription for an address, or replaces the choices of the existing one (and
 * reactivates it when it had unsubscribed). The unsubscribe token is kept, so links in mail already
 * sent still work.
 */
export function subscribe(
  db: Db,
  input: SubscriptionInput,
  now = new Date(),
  options: SubscribeOptions = {},
): { subscription: DigestSubscription; created: boolean } {
  return db.transaction((tx) => {
    const existing = tx.select().from(digestSubscriptions).where(eq(digestSubscriptions.email, input.email)).get();
    if (existing) {
      if (options.mayReplace && !options.mayReplace(existing)) throw new SubscriptionTakenError(existing.email);
      const subscription = tx
        .update(digestSubscriptions)
        .set({ ...input, unsubscribedAt: null, paused: false, updatedAt: now })
        .where(eq(digestSubscriptions.id, existing.id))
        .returning()
        .get();
      return { subscription, created: false };
    }
    const subscription = tx
      .insert(digestSubscriptions)
      .values({ ...input, ownerUserId: options.ownerUserId ?? null, unsubscribeToken: newToken(), createdAt: now, updatedAt: now })
      .returning()
      .get();
    return { subscription, created: true };
  });
}

/** Changes an existing subscription's choices from /digests; its address may change too. */
export function updateSubscription(db: Db, id: number, input: SubscriptionInput, now = new Date()): DigestSubscription {
  const clash = db.select({ id: digestSubscriptions.id }).from(digestSubscriptions).where(eq(digestSubscriptions.email, input.email)).get();
  if (clash && clash.id !== id) throw new SubscriptionInputError('email', `${input.email} already has a subscription`);
  const row = db.update(digestSubscriptions).set({ ...input, updatedAt: now }).where(eq(digestSubscriptions.id, id)).returning().get();
  if (!row) throw new SubscriptionInputError('subscription', `no subscription ${id}`);
  return row;
}

/** Returns false when nothing changed (already in that state, or unsubscribed). */
export function setPaused(db: Db, id: number, paused: boolean, now = new Date()): boolean {
  const changed = db
    .update(digestSubscriptions)
    .set({ paused, updatedAt: now })
    .where(and(eq(digestSubscriptions.id, id), eq(digestSubscriptions.paused, !paused), isNull(digestSubscriptions.unsubscribedAt)))
    .run();
  return changed.changes > 0;
}

export function findSubscriptionByEmail(db: Db, email: string): DigestSubscription | undefined {
  return db.select().from(digestSubscriptions).where(eq(digestSubscriptions.email, email.trim().toLowerCase())).get();
}

export function findSubscriptionByToken(db: Db, token: string): DigestSubscription | undefined {
  if (!/^[A-Za-z0-9_-]{16,64}$/.test(token)) return undefined;
  return db.select().from(digestSubscriptions).where(eq(digestSubscriptions.unsubscribeToken, token)).get();
}

export function getSubscription(db: Db, id: number): DigestSubscription | undefined {
  return db.select().from(digestSubscriptions).where(eq(digestSubscriptions.id, id)).get();
}

export interface ListOptions {
  includeUnsubscribed?: boolean;
}

/** Subscriptions that still receive mail (paused ones included: they are only resting), or all with `includeUnsubscribed`. */
export function listSubscriptions(db: Db, options: ListOptions = {}): DigestSubscription[] {
  return db
    .select()
    .from(digestSubscriptions)
    .where(options.includeUnsubscribed ? undefined : isNull(digestSubscriptions.unsubscribedAt))
    .orderBy(asc(digestSubscriptions.email))
    .all();
}

/** Stops every further digest and alert. Returns false when the subscription had already ended. */
export function unsubscribe(db: Db, id: number, now = new Date()): boolean {
  const changed = db
    .update(digestSubscriptions)
    .set({ unsubscribedAt: now, updatedAt: now })
    .where(and(eq(digestSubscriptions.id, id), isNull(digestSubscriptions.unsubscribedAt)))
    .run();
  return changed.changes > 0;
}
