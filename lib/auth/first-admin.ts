import type { Db } from '../../db';
import { getConfig } from '../config';
import { generatePassword } from './password';
import { countUsers, createUser } from './users';

/**
 * On a database without accounts, creates an admin with a generated password and returns both, for
 * `npm start` to print this once; the password is not stored anywhere it could be read back.
 * Returns undefined when accounts exist.
 */
export async function createFirstAdmin(db: Db): Promise<{ email: string; password: string } | undefined> {
  if (countUsers(db) > 0) return undefined;
  const email = getConfig().CHIPWATCH_ADMIN_EMAIL;
  const password = generatePassword();
  await createUser(db, { userId: null, label: 'first-start' }, { email, role: 'admin', password });
  return { email, password };
}
