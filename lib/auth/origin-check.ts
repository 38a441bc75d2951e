/**
 * CSRF defence for mutating route handlers (server actions get the same check from Next.js).
 * Browsers send Origin on every cross-origin request and on same-origin POSTs; a mismatch means
 * another site's page sent the request. Without Origin, Sec-Fetch-Site still tells a browser's
 * cross-site request apart; a request with neither comes from a non-browser client, which holds no
 * ambient cookies to abuse.
 */
export function isSameOriginRequest(headers: Headers): boolean {
  const host = headers.get('x-forwarded-host') ?? headers.get('host');
  const origin = headers.get('origin');
  if (origin) {
    if (origin === 'null' || !host) return false;
    try {
      return new URL(origin).host === host;
    } catch {
      return false;
    }
  }
  const site = headers.get('sec-fetch-site');
  return !site || site === 'same-origin' || site === 'none';
}

export const MUTATING_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
