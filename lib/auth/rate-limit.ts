import { and, count, eq, gt, lt } from 'drizzle-orm';
import type { Db } from '../../db';
import { loginFailures } from '../../db/schema';

/**
 * Sign-in throttling. An account takes a few wrong passwords per window (a person mistyping);
 * one client address takes more, since an office may share one address, but not enough to try
 * many passwords across many accounts.
 */
export const LOGIN_WINDOW_MS = 15 * 60_000;
export const MAX_FAILURES_PER_ACCOUNT = 5;
export const MAX_FAILURES_PER_IP = 20;

const accountKey = (email: string) => `email:${email.trim().toLowerCase()}`;
const ipKey = (ip: string) => `ip:${ip}`;

function failuresSince(db: Db, key: string, since: Date): number {
  return db.select({ n: count() }).from(loginFailures).where(and(eq(loginFailures.key, key), gt(loginFailures.at, since))).get()?.n ?? 0;
}

/** Null when an attempt may go ahead; otherwise which limit was reached. Checked before the password. */
export function loginBlockedBy(db: Db, email: string, ip: string, now = new Date()): 'account' | 'ip' | null {
  const since = new Date(now.getTime() - LOGIN_WINDOW_MS);
  if (failuresSince(db, ipKey(ip), since) >= MAX_FAILURES_PER_IP) return 'ip';
  if (failuresSince(db, accountKey(email), since) >= MAX_FAILURES_PER_ACCOUNT) return 'account';
  return null;
}

export function recordLoginFailure(db: Db, email: string, ip: string, now = new Date()): void {
  db.transaction(() => {
    db.delete(loginFailures).where(lt(loginFailures.at, new Date(now.getTime() - LOGIN_WINDOW_MS))).run();
    db.insert(loginFailures).values([
      { key: accountKey(email), at: now },
      { key: ipKey(ip), at: now },
    ]).run();
  });
}

/** A successful sign-in clears the account's count (not the address's: that would let one good account reset it). */
export function clearAccountFailures(db: Db, email: string): void {
  db.delete(loginFailures).where(eq(loginFailures.key, accountKey(email))).run();
}
