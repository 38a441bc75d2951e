import { expect, test } from '@playwright/test';
import { isOpenRoute, OPEN_ROUTES } from '../../../lib/auth/open-routes';
import { ANONYMOUS } from '../accounts';
import { discoverAppRoutes } from './app-routes';

/*
 * Walks every page and route handler under app/ and asks for each without a session: pages must
 * redirect to /login, APIs must answer 401. Only the paths in lib/auth/open-routes.ts may answer;
 * a route added without protection fails here.
 */
test.use({ storageState: ANONYMOUS });

const routes = discoverAppRoutes();

test('the walk finds the app\'s routes', () => {
  const paths = routes.map((r) => r.path);
  for (const known of ['/', '/events', '/feeds', '/settings', '/users', '/audit', '/api/events', '/api/feeds.opml', '/companies/micron']) expect(paths).toContain(known);
  expect(routes.filter((r) => !isOpenRoute(r.path)).length).toBeGreaterThan(15);
});

for (const route of routes.filter((r) => !isOpenRoute(r.path))) {
  for (const method of route.methods) {
    test(`anonymous ${method} ${route.path} is refused`, async ({ request }) => {
      const response = await request.fetch(route.path, { method, maxRedirects: 0, headers: route.kind === 'api' ? {} : { accept: 'text/html' } });
      if (route.kind === 'page') {
        expect(response.status(), `${route.file} answered an anonymous request`).toBe(307);
        expect(response.headers().location).toMatch(/^\/login(\?|$)/);
      } else {
        expect(response.status(), `${route.file} answered an anonymous request`).toBe(401);
      }
      expect(await response.text()).not.toContain('data-testid');
    });
  }
}

test('an anonymous server action post, a made-up path and a bad bearer token are refused', async ({ request }) => {
  const action = await request.post('/feeds', { headers: { 'Next-Action': '0'.repeat(42), origin: new URL(test.info().project.use.baseURL!).origin }, data: 'x', maxRedirects: 0 });
  expect(action.status()).toBe(401);
  const unknown = await request.get('/no-such-page', { maxRedirects: 0 });
  expect(unknown.status()).toBe(307);
  const bearer = await request.get('/api/events', { headers: { authorization: 'Bearer cw_not-a-real-token' } });
  expect(bearer.status()).toBe(401);
});

test('the open routes answer without a session, and nothing else is open', async ({ request }) => {
  expect(OPEN_ROUTES).toEqual(['/login', '/api/auth/login', '/unsubscribe', '/api/unsubscribe', '/api/health']);
  expect((await request.get('/login')).status()).toBe(200);
  expect((await request.get('/api/health')).status()).toBe(200);
  // Open by prefix, not by substring: look-alike paths stay closed.
  expect((await request.get('/loginx', { maxRedirects: 0 })).status()).toBe(307);
  expect((await request.get('/api/healthz')).status()).toBe(401);
});

test('every response carries the security headers, with a nonce-only script-src', async ({ request }) => {
  for (const path of ['/login', '/api/health', '/api/events']) {
    const headers = (await request.get(path)).headers();
    const csp = headers['content-security-policy'];
    const scriptSrc = /script-src ([^;]+)/.exec(csp)?.[1] ?? '';
    expect(scriptSrc).toMatch(/'nonce-[A-Za-z0-9+/=]{16,}'/);
    expect(scriptSrc).not.toContain("'unsafe-inline'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['referrer-policy']).toBe('same-origin');
  }
  // A fresh nonce on each response.
  const one = (await request.get('/login')).headers()['content-security-policy'];
  const two = (await request.get('/login')).headers()['content-security-policy'];
  expect(one).not.toBe(two);
});
