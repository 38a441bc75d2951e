import { and, desc, eq } from 'drizzle-orm';
import type { Db } from '../../db';
import { apiTokens, users } from '../../db/schema';
import { recordAudit, type Actor } from './audit';
import { digest, newSecret } from './tokens';
import type { User } from './users';
import { UserInputError } from './users';

/** Recognisable in logs and secret scanners; the rest is 256 random bits. */
const TOKEN_PREFIX = 'cw_';
export const MAX_TOKENS_PER_USER = 20;

export interface ApiTokenRow {
  id: number;
  name: string;
  prefix: string;
  createdAt: Date;
  lastUsedAt: Date | null;
}

/** Creates a read-only token; the plain token is returned this once and never stored. */
export function createApiToken(db: Db, actor: Actor & { userId: number }, rawName: string): { token: string; row: ApiTokenRow } {
  const name = rawName.trim();
  if (!name) throw new UserInputError('give the token a name, such as the integration that will use it');
  if (name.length > 100) throw new UserInputError('keep the name under 100 characters');
  if (listApiTokens(db, actor.userId).length >= MAX_TOKENS_PER_USER) throw new UserInputError(`you already have ${MAX_TOKENS_PER_USER} tokens; revoke one first`);
  const token = newSecret(TOKEN_PREFIX);
  const row = db.transaction(() => {
    const inserted = db
      .insert(apiTokens)
      .values({ userId: actor.userId, name, tokenHash: digest(token), prefix: token.slice(0, TOKEN_PREFIX.length + 6), createdAt: new Date() })
      .returning({ id: apiTokens.id, name: apiTokens.name, prefix: apiTokens.prefix, createdAt: apiTokens.createdAt, lastUsedAt: apiTokens.lastUsedAt })
      .get();
    recordAudit(db, actor, 'token.add', name);
    return inserted;
  });
  return { token, row };
}

export function listApiTokens(db: Db, userId: number): ApiTokenRow[] {
  return db
    .select({ id: apiTokens.id, name: apiTokens.name, prefix: apiTokens.prefix, createdAt: apiTokens.createdAt, lastUsedAt: apiTokens.lastUsedAt })
    .from(apiTokens)
    .where(eq(apiTokens.userId, userId))
    .orderBy(desc(apiTokens.id))
    .all();
}

/** Revokes one of the actor's own tokens; false when there is no such token (already revoked). */
export function revokeApiToken(db: Db, actor: Actor & { userId: number }, id: number): boolean {
  return db.transaction(() => {
    const gone = db.delete(apiTokens).where(and(eq(apiTokens.id, id), eq(apiTokens.userId, actor.userId))).returning({ name: apiTokens.name }).get();
    if (gone) recordAudit(db, actor, 'token.revoke', gone.name);
    return Boolean(gone);
  });
}

/** The user a bearer token acts for; the caller must treat the request as read-only. */
export function userForApiToken(db: Db, token: string): User | undefined {
  if (!token.startsWith(TOKEN_PREFIX)) return undefined;
  const found = db
    .select({ tokenId: apiTokens.id, lastUsedAt: apiTokens.lastUsedAt, id: users.id, email: users.email, role: users.role, createdAt: users.createdAt })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(eq(apiTokens.tokenHash, digest(token)))
    .get();
  if (!found) return undefined;
  // At most one write a minute per token: "last used" is for spotting stale tokens, not an access log.
  const now = new Date();
  if (!found.lastUsedAt || now.getTime() - found.lastUsedAt.getTime() > 60_000) {
    db.update(apiTokens).set({ lastUsedAt: now }).where(eq(apiTokens.id, found.tokenId)).run();
  }
  const { tokenId: _t, lastUsedAt: _l, ...user } = found;
  return user;
}
