import { expect, test as setup } from '@playwright/test';
import { ROLES } from '../../db/schema';
import { ANONYMOUS, E2E_ACCOUNTS, storageStateFor } from './accounts';

/**
 * Signs each role in through the API once and saves the cookies, so specs start signed in and keep
 * covering the same pages. Runs as the `setup` project, after the server is up.
 */
for (const role of ROLES) {
  setup(`sign in as ${role}`, async ({ playwright, baseURL }) => {
    const request = await playwright.request.newContext({ baseURL, storageState: ANONYMOUS });
    const response = await request.post('/api/auth/login', { data: E2E_ACCOUNTS[role] });
    expect(response.status(), await response.text()).toBe(200);
    await request.storageState({ path: storageStateFor(role) });
    await request.dispose();
  });
}
