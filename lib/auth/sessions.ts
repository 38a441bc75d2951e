import { and, eq, gt, lt } from 'drizzle-orm';
import type { Db } from '../../db';
import { sessions, users } from '../../db/schema';
import { getConfig } from '../config';
import type { User } from './users';
import { digest, newSecret } from './tokens';

export interface Session {
  token: string;
  expiresAt: Date;
}

/**
 * Starts a session for a user who has just proved who they are. The token is always new: a
 * session id a browser brought with it is never promoted to a signed-in one (no fixation), and the
 * one it replaces, if any, is ended.
 */
export function createSession(db: Db, userId: number, replacedToken?: string): Session {
  const now = new Date();
  const token = newSecret();
  const expiresAt = new Date(now.getTime() + getConfig().CHIPWATCH_SESSION_HOURS * 3600_000);
  db.transaction(() => {
    if (replacedToken) db.delete(sessions).where(eq(sessions.tokenHash, digest(replacedToken))).run();
    // Housekeeping on the rare write path keeps the table from growing without a job for it.
    db.delete(sessions).where(lt(sessions.expiresAt, now)).run();
    db.insert(sessions).values({ tokenHash: digest(token), userId, createdAt: now, expiresAt }).run();
  });
  return { token, expiresAt };
}

/** The user a session token belongs to, or undefined when it is unknown or expired. */
export function userForSession(db: Db, token: string): User | undefined {
  if (!token) return undefined;
  return db
    .select({ id: users.id, email: users.email, role: users.role, createdAt: users.createdAt })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.tokenHash, digest(token)), gt(sessions.expiresAt, new Date())))
    .get();
}

export function endSession(db: Db, token: string): void {
  db.delete(sessions).where(eq(sessions.tokenHash, digest(token))).run();
}
