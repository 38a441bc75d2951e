import { NextResponse, type NextRequest } from 'next/server';
import { getDb } from './db';
import { authenticate } from './lib/auth/authenticate';
import { contentSecurityPolicy, SECURITY_HEADERS } from './lib/auth/csp';
import { isApiRoute, isOpenRoute } from './lib/auth/open-routes';
import { isSameOriginRequest, MUTATING_METHODS } from './lib/auth/origin-check';

/**
 * Runs before every request (Next.js 16 "proxy", Node.js runtime): the one gate between the network
 * and the app. It refuses anonymous requests to anything outside lib/auth/open-routes.ts, keeps
 * API tokens read-only, refuses cross-origin writes to the API, and puts a fresh CSP nonce and the
 * security headers on every response. Roles are checked further in, by requireRole() in
 * lib/actions/authorise.ts, which every server action and mutating route calls.
 */
export function proxy(request: NextRequest): NextResponse {
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString('base64');
  const csp = contentSecurityPolicy(nonce, process.env.NODE_ENV === 'development');
  return withHeaders(gate(request, csp), csp);
}

function gate(request: NextRequest, csp: string): NextResponse {
  const { pathname, search } = request.nextUrl;
  const api = isApiRoute(pathname);
  const readOnly = !MUTATING_METHODS.has(request.method);

  if (api && !readOnly && !isSameOriginRequest(request.headers)) {
    return NextResponse.json({ error: 'cross-origin request refused' }, { status: 403 });
  }
  if (!isOpenRoute(pathname)) {
    const caller = authenticate(getDb(), request.headers);
    if (!caller || (caller.via === 'token' && !api)) {
      if (api || !readOnly) {
        return NextResponse.json(
          { error: 'sign in, or send a read-only API token as "Authorization: Bearer <token>"' },
          { status: 401, headers: { 'WWW-Authenticate': 'Bearer realm="chipwatch"' } },
        );
      }
      const login = new URL('/login', request.url);
      if (pathname !== '/') login.searchParams.set('next', pathname + search);
      return NextResponse.redirect(login, 307);
    }
    if (caller.via === 'token' && !readOnly) {
      return NextResponse.json({ error: 'API tokens are read-only' }, { status: 403 });
    }
  }

  // Next.js reads the nonce from the request's CSP header and puts it on the scripts it renders.
  const headers = new Headers(request.headers);
  headers.set('Content-Security-Policy', csp);
  headers.set('x-nonce', csp.match(/'nonce-([^']+)'/)![1]);
  return NextResponse.next({ request: { headers } });
}

function withHeaders(response: NextResponse, csp: string): NextResponse {
  response.headers.set('Content-Security-Policy', csp);
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) response.headers.set(name, value);
  return response;
}

export const config = {
  // Static build output carries no data and needs no session; everything else goes through the gate.
  matcher: ['/((?!_next/static|_next/image|favicon.ico).*)'],
};
