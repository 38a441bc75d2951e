import type { Db } from '../../db';
import { userForApiToken } from './api-tokens';
import { SESSION_COOKIE } from './session-cookie';
import { userForSession } from './sessions';
import type { User } from './users';

export interface Caller {
  user: User;
  /** `token` callers may only read: the proxy refuses them anything but GET and HEAD. */
  via: 'session' | 'token';
}

/** Reads the value of one cookie from a Cookie header. */
export function cookieValue(cookieHeader: string | null, name: string): string | undefined {
  for (const part of (cookieHeader ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return undefined;
}

/** Who is asking: a bearer token if one is sent (and then only it counts), else the session cookie. */
export function authenticate(db: Db, headers: Headers): Caller | undefined {
  const authorization = headers.get('authorization');
  if (authorization) {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
    const user = match ? userForApiToken(db, match[1]) : undefined;
    return user ? { user, via: 'token' } : undefined;
  }
  const token = cookieValue(headers.get('cookie'), SESSION_COOKIE);
  const user = token ? userForSession(db, token) : undefined;
  return user ? { user, via: 'session' } : undefined;
}
