import os from 'node:os';
import path from 'node:path';
import { defineConfig } from '@playwright/test';
import { storageStateFor } from './accounts';

// Shared with the specs (config is evaluated before workers start, and workers inherit env).
const port = Number(process.env.E2E_PORT ?? 3123);
process.env.E2E_DATABASE_PATH ??= path.join(os.tmpdir(), `chipwatch-e2e-${process.pid}`, 'e2e.db');
process.env.E2E_BASE_URL = `http://127.0.0.1:${port}`;

/**
 * Chromium comes from Debian (apt-get install chromium), not from Playwright's download, which
 * cannot reach its servers here. CHROMIUM_PATH overrides the location.
 */
export default defineConfig({
  testDir: '.',
  outputDir: path.resolve(__dirname, '../../test-results'),
  reporter: [['list']],
  workers: 1,
  retries: 0,
  timeout: 30_000,
  use: {
    baseURL: process.env.E2E_BASE_URL,
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    },
  },
  projects: [
    // Signs every role in through the API before the specs run (tests/e2e/auth.setup.ts).
    { name: 'setup', testMatch: 'auth.setup.ts' },
    // Specs run as the admin unless they ask for another role or for no session.
    { name: 'chromium', testMatch: '**/*.spec.ts', dependencies: ['setup'], use: { browserName: 'chromium', storageState: storageStateFor('admin') } },
  ],
  webServer: {
    command: `node --import tsx tests/e2e/serve-production-build.ts`,
    cwd: path.resolve(__dirname, '../..'),
    url: `${process.env.E2E_BASE_URL}/api/health`,
    // The specs stand in for a reverse proxy on 127.0.0.1, so each can give itself a client address in
    // X-Forwarded-For (rate-limit.spec.ts) without locking the others out; access/client-address.spec.ts
    // starts servers of its own to show what an untrusted X-Forwarded-For is worth.
    env: { PORT: String(port), DATABASE_PATH: process.env.E2E_DATABASE_PATH, LOG_LEVEL: 'warn', CHIPWATCH_TRUSTED_PROXIES: '127.0.0.1' },
    timeout: 120_000,
    reuseExistingServer: false,
    stdout: 'pipe',
  },
});
