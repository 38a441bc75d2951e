import path from 'node:path';
import type { Role } from '../../db/schema';

/**
 * The e2e database's accounts, one per role, created by serve-production-build.ts before the
 * server starts. Test-only passwords for a throwaway database.
 */
export const E2E_ACCOUNTS: Record<Role, { email: string; password: string }> = {
  admin: { email: 'admin@e2e.test', password: 'e2e-admin-password' },
  analyst: { email: 'analyst@e2e.test', password: 'e2e-analyst-password' },
  viewer: { email: 'viewer@e2e.test', password: 'e2e-viewer-password' },
};

/** Signed-in browser state per role, written by auth.setup.ts; specs opt in with test.use({ storageState }). */
export function storageStateFor(role: Role): string {
  return path.resolve(__dirname, '../../test-results/.auth', `${role}.json`);
}

export const ANONYMOUS = { cookies: [], origins: [] };

/** An account of its own for the rate-limit spec, which locks it; nothing else signs in with it. */
export const RATE_LIMITED_ACCOUNT = { email: 'locked-out@e2e.test', password: 'e2e-locked-password', role: 'viewer' as Role };
