/**
 * The client's address, for the per-address sign-in limit. jobs/serve.ts (the production server)
 * works it out from the TCP connection, believing X-Forwarded-For only from a peer listed in
 * CHIPWATCH_TRUSTED_PROXIES (lib/auth/forwarded-for.ts), and replaces whatever the client sent with
 * exactly that one address. So this only reads the header: deciding here, after Next.js, would be
 * too late, since the socket is out of reach in a route handler and the header could be the
 * client's own. X-Real-IP is not read: the server removes it. Anywhere the app runs without that
 * server (`next dev`), the last entry is what Next.js or the client put there.
 */
export function clientIp(headers: Headers): string {
  return headers.get('x-forwarded-for')?.split(',').at(-1)?.trim() || 'unknown';
}
