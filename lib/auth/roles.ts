import { ROLES, type Role } from '../../db/schema';

export { ROLES, type Role };

/** Each role can do everything the roles before it can: viewer < analyst < admin. */
export function roleAllows(have: Role, need: Role): boolean {
  return ROLES.indexOf(have) >= ROLES.indexOf(need);
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

export const ROLE_SUMMARY: Record<Role, string> = {
  viewer: 'reads everything, changes nothing',
  analyst: 'also corrects tags, keeps the watchlist and their own subscriptions',
  admin: 'also manages feeds, users and every subscription',
};
