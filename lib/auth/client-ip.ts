/**
 * The client's address for per-address rate limiting. `next start` fills x-forwarded-for from the
 * socket when the request has none; behind a reverse proxy the proxy's own entry is the last one.
 * A client talking to `next start` directly can set the header itself, so the per-address limit is
 * only as strong as that; the per-account limit does not depend on it.
 */
export function clientIp(headers: Headers): string {
  const forwarded = headers.get('x-forwarded-for');
  const last = forwarded?.split(',').at(-1)?.trim();
  return last || headers.get('x-real-ip') || 'unknown';
}
