import 'server-only';
import { isSameOriginRequest } from '../auth/origin-check';
import { currentCaller } from '../auth/current-caller';
import { roleAllows, type Role } from '../auth/roles';
import type { Actor } from '../auth/audit';
import type { User } from '../auth/users';

export type { Role };

/** Refused: the caller is not signed in, holds only a read-only token, or lacks the role. */
export class NotAllowedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NotAllowedError';
  }
}

export interface RoleOptions {
  /**
   * For things a user owns (a digest subscription): the owner's id, or null for something no user
   * owns (created from the CLI, or its owner was removed). An analyst may change only their own;
   * an admin may change anyone's and the ownerless ones.
   */
  ownerId?: number | null;
}

/**
 * The one place every server action and mutating route asks whether the caller may act.
 * viewer < analyst < admin: analysts correct tags and keep the watchlist and their own
 * subscriptions; admins also manage feeds, users and every subscription. Returns the user, whom
 * the action names in the audit log.
 */
export async function requireRole(role: Role, options: RoleOptions = {}): Promise<User> {
  const caller = await currentCaller();
  if (!caller) throw new NotAllowedError('sign in first');
  if (caller.via === 'token') throw new NotAllowedError('API tokens are read-only');
  const { user } = caller;
  if (!roleAllows(user.role, role)) throw new NotAllowedError(`a ${user.role} cannot do this; it needs the ${role} role`);
  if (options.ownerId !== undefined && !mayChange(user, options.ownerId)) {
    throw new NotAllowedError(options.ownerId === null ? 'only an admin can change what no user owns' : 'only an admin can change what belongs to another user');
  }
  return user;
}

/**
 * The ownership half of requireRole(), for a user it has already returned: for a check that has to
 * run inside a transaction, against the row as it is there (subscribing an address that may
 * already have an owner). Pages show a user the subscriptions this allows them to change, and no others.
 */
export function mayChange(user: User, ownerId: number | null): boolean {
  return user.role === 'admin' || (ownerId !== null && ownerId === user.id && roleAllows(user.role, 'analyst'));
}

/**
 * For mutating route handlers: the Origin check and requireRole() in one call. Returns the user,
 * or the response to send instead (403 cross-origin, 401 not signed in, 403 role).
 */
export async function guardRoute(request: Request, role: Role, options: RoleOptions = {}): Promise<User | Response> {
  if (!isSameOriginRequest(request.headers)) return Response.json({ error: 'cross-origin request refused' }, { status: 403 });
  try {
    return await requireRole(role, options);
  } catch (err) {
    if (!(err instanceof NotAllowedError)) throw err;
    return Response.json({ error: err.message }, { status: err.message === 'sign in first' ? 401 : 403 });
  }
}

export function actorOf(user: User): Actor & { userId: number } {
  return { userId: user.id, label: user.email };
}
