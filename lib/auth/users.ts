import { asc, count, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../db';
import { users } from '../../db/schema';
import { recordAudit, type Actor } from './audit';
import { hashPassword, passwordProblem } from './password';
import { isRole, ROLES, type Role } from './roles';

/** Bad input to an account change: shown to the user as is; nothing was changed. */
export class UserInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UserInputError';
  }
}

export interface User {
  id: number;
  email: string;
  role: Role;
  createdAt: Date;
}

const emailSchema = z.email({ error: 'enter a valid e-mail address' }).max(254, 'that e-mail address is too long');

export function normaliseEmail(raw: string): string {
  const email = raw.trim().toLowerCase();
  const parsed = emailSchema.safeParse(email);
  if (!parsed.success) throw new UserInputError(`${parsed.error.issues[0].message}, got ${JSON.stringify(raw)}`);
  return email;
}

function checkRole(role: string): Role {
  if (!isRole(role)) throw new UserInputError(`the role must be one of ${ROLES.join(', ')}, got ${JSON.stringify(role)}`);
  return role;
}

const publicColumns = { id: users.id, email: users.email, role: users.role, createdAt: users.createdAt };

export async function createUser(db: Db, actor: Actor, input: { email: string; role: string; password: string }): Promise<User> {
  const email = normaliseEmail(input.email);
  const role = checkRole(input.role);
  const problem = passwordProblem(input.password);
  if (problem) throw new UserInputError(problem);
  if (findUserByEmail(db, email)) throw new UserInputError(`there is already an account for ${email}`);
  const passwordHash = await hashPassword(input.password);
  // One connection (better-sqlite3): the audit line is written inside the same transaction.
  return db.transaction((tx) => {
    const user = tx.insert(users).values({ email, role, passwordHash, createdAt: new Date() }).returning(publicColumns).get();
    recordAudit(db, actor, 'user.add', email, `role ${role}`);
    return user;
  });
}

export function findUserByEmail(db: Db, email: string): (User & { passwordHash: string }) | undefined {
  return db.select({ ...publicColumns, passwordHash: users.passwordHash }).from(users).where(eq(users.email, email.trim().toLowerCase())).get();
}

export function getUser(db: Db, id: number): User | undefined {
  return db.select(publicColumns).from(users).where(eq(users.id, id)).get();
}

export function listUsers(db: Db): User[] {
  return db.select(publicColumns).from(users).orderBy(asc(users.email)).all();
}

export function countUsers(db: Db): number {
  return db.select({ n: count() }).from(users).get()?.n ?? 0;
}

function countAdmins(db: Db): number {
  return db.select({ n: count() }).from(users).where(eq(users.role, 'admin')).get()?.n ?? 0;
}

/** Changes a user's role; the last admin cannot be demoted, or nobody could manage users again. */
export function setUserRole(db: Db, actor: Actor, id: number, rawRole: string): User {
  const role = checkRole(rawRole);
  const user = getUser(db, id);
  if (!user) throw new UserInputError('that user no longer exists');
  if (user.role === 'admin' && role !== 'admin' && countAdmins(db) === 1) throw new UserInputError('this is the only admin; make someone else admin first');
  db.transaction((tx) => {
    tx.update(users).set({ role }).where(eq(users.id, id)).run();
    recordAudit(db, actor, 'user.role', user.email, `${user.role} → ${role}`);
  });
  return { ...user, role };
}

/** Removes a user with their sessions and tokens (foreign keys cascade). */
export function removeUser(db: Db, actor: Actor, id: number): User {
  const user = getUser(db, id);
  if (!user) throw new UserInputError('that user no longer exists');
  if (user.role === 'admin' && countAdmins(db) === 1) throw new UserInputError('this is the only admin; make someone else admin first');
  db.transaction((tx) => {
    tx.delete(users).where(eq(users.id, id)).run();
    recordAudit(db, actor, 'user.remove', user.email);
  });
  return user;
}
