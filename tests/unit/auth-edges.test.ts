import { describe, expect, it } from 'vitest';
import { cookieValue } from '../../lib/auth/authenticate';
import { clientIp } from '../../lib/auth/client-ip';
import { contentSecurityPolicy } from '../../lib/auth/csp';
import { isApiRoute, isOpenRoute } from '../../lib/auth/open-routes';
import { isSameOriginRequest } from '../../lib/auth/origin-check';
import { roleAllows } from '../../lib/auth/roles';
import { safeNextPath } from '../../lib/auth/safe-next';
import { sessionCookieOptions } from '../../lib/auth/session-cookie';

describe('open routes', () => {
  it('opens exactly the listed paths and their sub-paths', () => {
    for (const open of ['/login', '/api/health', '/unsubscribe', '/unsubscribe/abc', '/api/unsubscribe', '/api/auth/login']) expect(isOpenRoute(open)).toBe(true);
    for (const closed of ['/', '/loginx', '/api/healthz', '/api/auth/logout', '/api/events', '/settings']) expect(isOpenRoute(closed)).toBe(false);
    expect(isApiRoute('/api/events')).toBe(true);
    expect(isApiRoute('/apis')).toBe(false);
  });
});

describe('origin check for mutating route handlers', () => {
  const h = (o: Record<string, string>) => new Headers(o);
  it('accepts the same origin and non-browser clients, refuses other origins', () => {
    expect(isSameOriginRequest(h({ host: 'dash.local:3000', origin: 'http://dash.local:3000' }))).toBe(true);
    expect(isSameOriginRequest(h({ host: 'dash.local:3000' }))).toBe(true);
    expect(isSameOriginRequest(h({ host: 'dash.local:3000', origin: 'http://evil.example' }))).toBe(false);
    expect(isSameOriginRequest(h({ host: 'dash.local:3000', origin: 'null' }))).toBe(false);
    expect(isSameOriginRequest(h({ host: 'dash.local:3000', 'sec-fetch-site': 'cross-site' }))).toBe(false);
    expect(isSameOriginRequest(h({ host: 'internal:3000', 'x-forwarded-host': 'dash.example.com', origin: 'https://dash.example.com' }))).toBe(true);
  });
});

describe('headers and cookies', () => {
  it('builds a nonce-only script-src and refuses framing', () => {
    const csp = contentSecurityPolicy('abc123');
    expect(/script-src ([^;]+)/.exec(csp)![1]).toBe("'self' 'nonce-abc123' 'strict-dynamic'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
  });

  it('marks the session cookie Secure only over https', () => {
    expect(sessionCookieOptions({ url: 'http://x/', headers: new Headers() })).toMatchObject({ httpOnly: true, sameSite: 'lax', secure: false });
    expect(sessionCookieOptions({ url: 'https://x/', headers: new Headers() }).secure).toBe(true);
    expect(sessionCookieOptions({ url: 'http://x/', headers: new Headers({ 'x-forwarded-proto': 'https' }) }).secure).toBe(true);
  });

  it('reads one cookie from a header', () => {
    expect(cookieValue('a=1; chipwatch_session=t%2Bk; b=2', 'chipwatch_session')).toBe('t+k');
    expect(cookieValue('xchipwatch_session=1', 'chipwatch_session')).toBeUndefined();
    expect(cookieValue(null, 'chipwatch_session')).toBeUndefined();
  });
});

describe('small rules', () => {
  it('ranks roles viewer < analyst < admin', () => {
    expect(roleAllows('admin', 'analyst')).toBe(true);
    expect(roleAllows('analyst', 'analyst')).toBe(true);
    expect(roleAllows('viewer', 'analyst')).toBe(false);
  });

  it('only sends a user back to a path on this site after signing in', () => {
    expect(safeNextPath('/events?q=x')).toBe('/events?q=x');
    for (const bad of ['//evil.example', 'https://evil.example', '/\\evil.example', undefined, 42]) expect(safeNextPath(bad)).toBe('/');
  });

  it('reads the client address from x-forwarded-for, where jobs/serve.ts leaves exactly one, and never x-real-ip', () => {
    expect(clientIp(new Headers({ 'x-forwarded-for': '203.0.113.9' }))).toBe('203.0.113.9');
    expect(clientIp(new Headers({ 'x-real-ip': '198.51.100.1' }))).toBe('unknown');
    expect(clientIp(new Headers())).toBe('unknown');
    // Without that server (`next dev`), the last entry, as Next.js appends to it.
    expect(clientIp(new Headers({ 'x-forwarded-for': '1.1.1.1, 10.0.0.2' }))).toBe('10.0.0.2');
  });
});
