import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, request as playwrightRequest, test, type APIRequestContext, type APIResponse } from '@playwright/test';
import { MAX_FAILURES_PER_IP } from '../../../lib/auth/rate-limit';
import { ROOT, runCli } from '../../helpers/run-cli';
import { ANONYMOUS } from '../accounts';
import { freePort } from '../../helpers/free-port';

/*
 * The per-address sign-in limit against a client that writes its own X-Forwarded-For. Each group
 * starts jobs/serve.ts (the production server, on the production build) with a database of its
 * own, so the lock-outs here touch neither the shared e2e server nor each other.
 */
test.use({ storageState: ANONYMOUS });

const ACCOUNT = { email: 'forwarded@e2e.test', password: 'e2e-forwarded-password' };

interface Served {
  request: APIRequestContext;
  stop(): Promise<void>;
}

async function serve(trustedProxies: string): Promise<Served> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chipwatch-client-address-'));
  const env = { DATABASE_PATH: path.join(dir, 'e2e.db') };
  // Every CLI command migrates first, so this also creates the database.
  const added = await runCli(['users', 'add', '--email', ACCOUNT.email, '--role', 'viewer'], env, ACCOUNT.password);
  expect(added.status, added.stderr).toBe(0);

  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'jobs/serve.ts', '--hostname', '127.0.0.1'], {
    cwd: ROOT,
    env: { ...process.env, ...env, PORT: String(port), LOG_LEVEL: 'warn', CHIPWATCH_TRUSTED_PROXIES: trustedProxies },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const baseURL = `http://127.0.0.1:${port}`;
  for (const deadline = Date.now() + 60_000; ; ) {
    if (child.exitCode !== null) throw new Error(`jobs/serve.ts exited with ${child.exitCode}`);
    if (await fetch(`${baseURL}/api/health`).then((r) => r.ok, () => false)) break;
    if (Date.now() > deadline) throw new Error('jobs/serve.ts did not start');
    await new Promise((r) => setTimeout(r, 200));
  }
  const context = await playwrightRequest.newContext({ baseURL, storageState: ANONYMOUS });
  return {
    request: context,
    async stop() {
      await context.dispose();
      child.kill('SIGTERM');
      // A clean stop: SIGTERM closes the server and exits 0.
      expect(await exited).toBe(0);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

const signIn = (request: APIRequestContext, account: { email: string; password: string }, headers: Record<string, string> = {}): Promise<APIResponse> =>
  request.post('/api/auth/login', { data: account, headers });

const sessionCookieHeader = (response: APIResponse) => response.headersArray().find((h) => h.name.toLowerCase() === 'set-cookie' && h.value.startsWith('chipwatch_session='))?.value;

test.describe('served directly, trusting no proxy (the default)', () => {
  let served: Served;
  test.beforeAll(async () => {
    test.setTimeout(90_000);
    served = await serve('');
  });
  test.afterAll(async () => {
    await served?.stop();
  });

  test('the gate in proxy.ts still runs: anonymous pages go to /login, with a CSP nonce', async () => {
    const page = await served.request.get('/', { maxRedirects: 0 });
    expect(page.status()).toBe(307);
    expect(page.headers()['location']).toBe('/login');
    expect(page.headers()['content-security-policy']).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+'/);
    const login = await served.request.get('/login');
    expect(login.status()).toBe(200);
    const nonce = /'nonce-([^']+)'/.exec(login.headers()['content-security-policy'])![1];
    expect(await login.text()).toContain(`nonce="${nonce}"`);
  });

  test('a forged X-Forwarded-Proto: https does not make the session cookie Secure over plain http', async () => {
    const response = await signIn(served.request, ACCOUNT, { 'x-forwarded-proto': 'https' });
    expect(response.status()).toBe(200);
    expect(sessionCookieHeader(response)).toMatch(/HttpOnly/i);
    expect(sessionCookieHeader(response)).not.toMatch(/;\s*Secure/i);
  });

  test(`${MAX_FAILURES_PER_IP} failures from one socket lock it out, whatever X-Forwarded-For each one claimed`, async () => {
    test.setTimeout(60_000);
    for (let i = 1; i <= MAX_FAILURES_PER_IP; i++) {
      // A different account each time, so the per-account limit (5) is not what blocks.
      const forged = { 'x-forwarded-for': `198.51.100.${i}`, 'x-real-ip': `198.51.100.${i}` };
      const response = await signIn(served.request, { email: `forged-${i}@e2e.test`, password: 'guess' }, forged);
      expect(response.status(), `attempt ${i}`).toBe(401);
    }
    const claims: Record<string, string>[] = [{ 'x-forwarded-for': '198.51.100.200' }, { 'x-forwarded-for': '192.0.2.1, 198.51.100.201' }, { 'x-real-ip': '198.51.100.202' }, {}];
    for (const forged of claims) {
      const response = await signIn(served.request, ACCOUNT, forged);
      expect(response.status(), JSON.stringify(forged)).toBe(429);
    }
  });
});

test.describe('behind a trusted proxy (CHIPWATCH_TRUSTED_PROXIES=127.0.0.1)', () => {
  let served: Served;
  test.beforeAll(async () => {
    test.setTimeout(90_000);
    served = await serve('127.0.0.1');
  });
  test.afterAll(async () => {
    await served?.stop();
  });

  test('the forwarded client address is counted: one client locked out, another still signs in', async () => {
    test.setTimeout(60_000);
    // The proxy appends the address it saw; what the client wrote before it is not believed.
    for (let i = 1; i <= MAX_FAILURES_PER_IP; i++) {
      const response = await signIn(served.request, { email: `client-${i}@e2e.test`, password: 'guess' }, { 'x-forwarded-for': `10.9.9.${i}, 203.0.113.1` });
      expect(response.status(), `attempt ${i}`).toBe(401);
    }
    expect((await signIn(served.request, ACCOUNT, { 'x-forwarded-for': '203.0.113.1' })).status()).toBe(429);
    // A different client behind the same proxy, and the proxy itself, are counted apart.
    const other = await signIn(served.request, ACCOUNT, { 'x-forwarded-for': '203.0.113.2', 'x-forwarded-proto': 'https' });
    expect(other.status()).toBe(200);
    // The proxy's word on the scheme is believed too: the cookie is Secure.
    expect(sessionCookieHeader(other)).toMatch(/;\s*Secure/i);
    expect((await signIn(served.request, ACCOUNT)).status()).toBe(200);
  });
});
