/** The cookie that carries a session token. Nothing else about the session lives in the browser. */
export const SESSION_COOKIE = 'chipwatch_session';

export interface CookieOptions {
  httpOnly: true;
  sameSite: 'lax';
  secure: boolean;
  path: '/';
  expires?: Date;
}

/**
 * HttpOnly: page scripts never see it. SameSite=Lax: other sites' forms and fetches do not carry it.
 * Secure when the site is served over https (directly or behind a TLS-terminating proxy), so it is
 * never sent in clear; not over plain http, where a Secure cookie would simply not be kept.
 */
export function sessionCookieOptions(request: { url: string; headers: Headers }, expires?: Date): CookieOptions {
  return { httpOnly: true, sameSite: 'lax', secure: isHttps(request), path: '/', ...(expires ? { expires } : {}) };
}

/**
 * jobs/serve.ts leaves exactly one x-forwarded-proto: a trusted proxy's word, else the socket's own
 * scheme ("http"), so a client cannot claim https for itself. Next.js builds request.url from the
 * same header, so the two agree; the URL is the fallback where that server is not in front (next dev).
 */
export function isHttps(request: { url: string; headers: Headers }): boolean {
  const forwarded = request.headers.get('x-forwarded-proto')?.split(',')[0]?.trim();
  return (forwarded ?? new URL(request.url).protocol.replace(':', '')) === 'https';
}
