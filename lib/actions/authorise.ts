import 'server-only';

export type Role = 'viewer' | 'analyst' | 'admin';

/**
 * The one place every server action and mutating route asks whether the caller may act. Accounts
 * and roles arrive with issue 6; until then the dashboard has no sign-in and this allows everyone.
 * It must stay the only check, so adding real roles changes this function and nothing else.
 */
export async function requireRole(role: Role): Promise<void> {
  void role;
}
