import { NextResponse } from 'next/server';
import { getDb } from '../../../../db';
import { cookieValue } from '../../../../lib/auth/authenticate';
import { clientIp } from '../../../../lib/auth/client-ip';
import { isSameOriginRequest } from '../../../../lib/auth/origin-check';
import { safeNextPath } from '../../../../lib/auth/safe-next';
import { SESSION_COOKIE, sessionCookieOptions } from '../../../../lib/auth/session-cookie';
import { SIGN_IN_MESSAGES, signIn } from '../../../../lib/auth/sign-in';

export const dynamic = 'force-dynamic';

/**
 * POST /api/auth/login with {email, password} as JSON (scripts, the e2e fixtures) or as the /login
 * form. JSON: 200 {email, role} and the session cookie, 400 for a malformed body, 401 for a wrong
 * e-mail or password, 429 when rate-limited. Form: 303 to `next`, or back to /login with the reason.
 */
export async function POST(request: Request): Promise<Response> {
  if (!isSameOriginRequest(request.headers)) return NextResponse.json({ error: 'cross-origin request refused' }, { status: 403 });
  const isForm = !(request.headers.get('content-type') ?? '').includes('application/json');
  const body = await readBody(request, isForm);
  if (!body) return NextResponse.json({ error: 'send {"email": "...", "password": "..."} as JSON or as a form' }, { status: 400 });

  const result = await signIn(getDb(), {
    email: body.email,
    password: body.password,
    ip: clientIp(request.headers),
    replacedToken: cookieValue(request.headers.get('cookie'), SESSION_COOKIE),
  });
  if (!result.ok) {
    const status = result.reason === 'rate-limited' ? 429 : 401;
    if (isForm) return seeOther(`/login?error=${result.reason}&next=${encodeURIComponent(safeNextPath(body.next))}`);
    return NextResponse.json({ error: SIGN_IN_MESSAGES[result.reason] }, { status, headers: status === 429 ? { 'Retry-After': '900' } : {} });
  }
  const response = isForm ? seeOther(safeNextPath(body.next)) : NextResponse.json({ ok: true });
  response.cookies.set(SESSION_COOKIE, result.session.token, sessionCookieOptions(request, result.session.expiresAt));
  response.headers.set('Cache-Control', 'no-store');
  return response;
}

async function readBody(request: Request, isForm: boolean): Promise<{ email: string; password: string; next?: string } | undefined> {
  try {
    const raw: Record<string, unknown> = isForm ? Object.fromEntries(await request.formData()) : await request.json();
    if (typeof raw?.email !== 'string' || typeof raw?.password !== 'string') return undefined;
    return { email: raw.email, password: raw.password, next: typeof raw.next === 'string' ? raw.next : undefined };
  } catch {
    return undefined;
  }
}

/**
 * A relative Location: behind `jobs/serve.ts --hostname` or a proxy, request.url may name another host than
 * the browser used, and a form redirected off-origin is blocked by the CSP's form-action 'self'.
 */
function seeOther(path: string): NextResponse {
  return new NextResponse(null, { status: 303, headers: { Location: path } });
}
