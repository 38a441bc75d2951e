/**
 * The only paths anyone may reach without signing in. Everything else, page or API, needs a
 * session (or, for reading the API, a token). Add a path here, and nowhere else, to open a route;
 * tests/e2e/access/anonymous-refused.spec.ts walks app/ and fails for any other route that answers
 * an anonymous request.
 */
export const OPEN_ROUTES: readonly string[] = [
  '/login',
  '/api/auth/login',
  // Digest e-mails carry a one-click unsubscribe link; its reader has no session (digest work).
  '/unsubscribe',
  '/api/unsubscribe',
  // Uptime checks and load balancers.
  '/api/health',
];

/** Exact match, or a sub-path (`/unsubscribe/<token>`); `/loginx` does not match `/login`. */
export function isOpenRoute(pathname: string): boolean {
  return OPEN_ROUTES.some((route) => pathname === route || pathname.startsWith(`${route}/`));
}

export function isApiRoute(pathname: string): boolean {
  return pathname === '/api' || pathname.startsWith('/api/');
}
