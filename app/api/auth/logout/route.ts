import { NextResponse } from 'next/server';
import { getDb } from '../../../../db';
import { cookieValue } from '../../../../lib/auth/authenticate';
import { isSameOriginRequest } from '../../../../lib/auth/origin-check';
import { SESSION_COOKIE, sessionCookieOptions } from '../../../../lib/auth/session-cookie';
import { endSession } from '../../../../lib/auth/sessions';

export const dynamic = 'force-dynamic';

/** POST /api/auth/logout: ends the session in the database (so a copied cookie stops working too) and clears the cookie. */
export async function POST(request: Request): Promise<Response> {
  if (!isSameOriginRequest(request.headers)) return NextResponse.json({ error: 'cross-origin request refused' }, { status: 403 });
  const token = cookieValue(request.headers.get('cookie'), SESSION_COOKIE);
  if (token) endSession(getDb(), token);
  const wantsJson = (request.headers.get('accept') ?? '').includes('application/json');
  const response = wantsJson ? NextResponse.json({ ok: true }) : new NextResponse(null, { status: 303, headers: { Location: '/login' } });
  response.cookies.set(SESSION_COOKIE, '', { ...sessionCookieOptions(request), expires: new Date(0) });
  return response;
}
