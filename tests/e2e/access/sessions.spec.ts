import { expect, test, type BrowserContext } from '@playwright/test';
import { ANONYMOUS, E2E_ACCOUNTS } from '../accounts';

test.use({ storageState: ANONYMOUS });

const COOKIE = 'chipwatch_session';
const sessionCookie = async (context: BrowserContext) => (await context.cookies()).find((c) => c.name === COOKIE);

async function signInThroughForm(page: import('@playwright/test').Page, account: { email: string; password: string }, from = '/events') {
  await page.goto(from);
  await expect(page).toHaveURL(/\/login(\?|$)/);
  await page.getByLabel('E-mail').fill(account.email);
  await page.getByLabel('Password').fill(account.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

test('signing in issues a new session id: one planted beforehand is neither kept nor left valid', async ({ page, context, playwright, baseURL }) => {
  // The attacker's own valid session, planted in the victim's browser before they sign in.
  const attacker = await playwright.request.newContext({ baseURL, storageState: ANONYMOUS });
  expect((await attacker.post('/api/auth/login', { data: E2E_ACCOUNTS.viewer })).status()).toBe(200);
  const planted = (await attacker.storageState()).cookies.find((c) => c.name === COOKIE)!.value;
  await context.addCookies([{ name: COOKIE, value: planted, domain: '127.0.0.1', path: '/', httpOnly: true, sameSite: 'Lax' }]);

  // (With the planted session the browser is signed in as the attacker, so go to the form directly.)
  await signInThroughForm(page, E2E_ACCOUNTS.analyst, '/login?next=/events');
  await expect(page).toHaveURL(/\/events$/);
  await expect(page.getByTestId('signed-in-as')).toContainText(E2E_ACCOUNTS.analyst.email);
  const cookie = (await sessionCookie(context))!;
  expect(cookie.value).not.toBe(planted);
  expect(cookie.httpOnly).toBe(true);
  expect(cookie.sameSite).toBe('Lax');
  // The planted id was ended at sign-in: the attacker's copy no longer opens anything.
  expect((await attacker.get('/api/events')).status()).toBe(401);
  await attacker.dispose();
});

test('a made-up session id is never adopted', async ({ page, context }) => {
  await context.addCookies([{ name: COOKIE, value: 'chosen-by-attacker', domain: '127.0.0.1', path: '/' }]);
  await signInThroughForm(page, E2E_ACCOUNTS.viewer);
  await expect(page.getByTestId('signed-in-as')).toBeVisible();
  expect((await sessionCookie(context))!.value).not.toBe('chosen-by-attacker');
});

test('signing out ends the session on the server, not only in the browser', async ({ page, context, playwright, baseURL }) => {
  await signInThroughForm(page, E2E_ACCOUNTS.viewer, '/');
  await expect(page.getByTestId('signed-in-as')).toBeVisible();
  const token = (await sessionCookie(context))!.value;
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/login$/);
  expect(await sessionCookie(context)).toBeUndefined();
  await page.goto('/');
  await expect(page).toHaveURL(/\/login/);

  // A copy of the old cookie is dead too.
  const copy = await playwright.request.newContext({ baseURL, storageState: ANONYMOUS, extraHTTPHeaders: { cookie: `${COOKIE}=${token}` } });
  expect((await copy.get('/api/events')).status()).toBe(401);
  expect((await copy.get('/', { maxRedirects: 0 })).status()).toBe(307);
  await copy.dispose();
});

test('a wrong password is refused with a message and no session', async ({ page, context }) => {
  await signInThroughForm(page, { email: E2E_ACCOUNTS.viewer.email, password: 'not the password' });
  await expect(page.locator('main').getByRole('alert')).toHaveText('That e-mail and password do not match an account.');
  expect(await sessionCookie(context)).toBeUndefined();
});
