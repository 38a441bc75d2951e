import type { Db } from '../../db';
import { decoyHash, verifyPassword } from './password';
import { clearAccountFailures, loginBlockedBy, recordLoginFailure } from './rate-limit';
import { createSession, type Session } from './sessions';
import { findUserByEmail } from './users';

export type SignInResult = { ok: true; session: Session; userId: number } | { ok: false; reason: 'invalid' | 'rate-limited' };

export const SIGN_IN_MESSAGES: Record<'invalid' | 'rate-limited', string> = {
  invalid: 'That e-mail and password do not match an account.',
  'rate-limited': 'Too many failed attempts; wait 15 minutes and try again.',
};

/**
 * Checks an e-mail and password. The answer never says whether the account exists, and a limited
 * account or address is refused before its password is even checked.
 */
export async function signIn(db: Db, input: { email: string; password: string; ip: string; replacedToken?: string }): Promise<SignInResult> {
  const email = input.email.trim().toLowerCase().slice(0, 254);
  if (loginBlockedBy(db, email, input.ip)) return { ok: false, reason: 'rate-limited' };
  const user = email ? findUserByEmail(db, email) : undefined;
  const valid = await verifyPassword(input.password.slice(0, 1024), user?.passwordHash ?? (await decoyHash()));
  if (!user || !valid) {
    recordLoginFailure(db, email, input.ip);
    return { ok: false, reason: 'invalid' };
  }
  clearAccountFailures(db, email);
  return { ok: true, session: createSession(db, user.id, input.replacedToken), userId: user.id };
}
