import { expect, test } from '@playwright/test';
import { ANONYMOUS, E2E_ACCOUNTS, RATE_LIMITED_ACCOUNT } from '../accounts';

/*
 * Each test uses its own client address (x-forwarded-for, believed because the e2e server trusts
 * 127.0.0.1 as a proxy: playwright.config.ts) so the failures it causes do not lock the other
 * specs, all on 127.0.0.1, out.
 */
test.use({ storageState: ANONYMOUS });

test('an account is locked after 5 wrong passwords, even for the right one, while others still sign in', async ({ request }) => {
  const { email, password } = RATE_LIMITED_ACCOUNT;
  for (let i = 1; i <= 5; i++) {
    const r = await request.post('/api/auth/login', { data: { email, password: `wrong-${i}` }, headers: { 'x-forwarded-for': `198.51.100.${i}` } });
    expect(r.status()).toBe(401);
  }
  const locked = await request.post('/api/auth/login', { data: { email, password }, headers: { 'x-forwarded-for': '198.51.100.99' } });
  expect(locked.status()).toBe(429);
  expect((await locked.json()).error).toMatch(/Too many failed attempts/);
  const other = await request.post('/api/auth/login', { data: E2E_ACCOUNTS.viewer, headers: { 'x-forwarded-for': '198.51.100.99' } });
  expect(other.status()).toBe(200);
});

test('an address is locked after 20 failures across accounts; other addresses are not', async ({ request }) => {
  const ip = { 'x-forwarded-for': '203.0.113.7' };
  for (let i = 1; i <= 20; i++) {
    const r = await request.post('/api/auth/login', { data: { email: `nobody-${i}@e2e.test`, password: 'guess' }, headers: ip });
    expect(r.status()).toBe(401);
  }
  expect((await request.post('/api/auth/login', { data: E2E_ACCOUNTS.admin, headers: ip })).status()).toBe(429);
  expect((await request.post('/api/auth/login', { data: E2E_ACCOUNTS.admin, headers: { 'x-forwarded-for': '203.0.113.8' } })).status()).toBe(200);
});
