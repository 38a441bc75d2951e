'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { getDb } from '../../db';
import { generatePassword } from '../auth/password';
import { createUser, removeUser, setUserRole, UserInputError } from '../auth/users';
import { actorOf, requireRole } from './authorise';

export interface UserFormState {
  ok?: string;
  error?: string;
  /** The new user's password, shown to the admin this once to hand over. */
  password?: string;
}

/** Adds an account with a generated password the admin passes on. */
export async function addUserAction(_prev: UserFormState, form: FormData): Promise<UserFormState> {
  const admin = await requireRole('admin');
  const password = generatePassword();
  try {
    const user = await createUser(getDb(), actorOf(admin), { email: String(form.get('email') ?? ''), role: String(form.get('role') ?? ''), password });
    revalidatePath('/users');
    return { ok: `Added ${user.email} as ${user.role}. Give them this password; it is not shown again.`, password };
  } catch (err) {
    if (err instanceof UserInputError) return { error: err.message };
    throw err;
  }
}

const id = z.coerce.number().int().positive();

export async function setUserRoleAction(_prev: UserFormState, form: FormData): Promise<UserFormState> {
  const admin = await requireRole('admin');
  const userId = id.safeParse(form.get('id'));
  if (!userId.success) return { error: 'that user no longer exists' };
  try {
    const user = setUserRole(getDb(), actorOf(admin), userId.data, String(form.get('role') ?? ''));
    revalidatePath('/users');
    return { ok: `${user.email} is now ${user.role}.` };
  } catch (err) {
    if (err instanceof UserInputError) return { error: err.message };
    throw err;
  }
}

export async function removeUserAction(_prev: UserFormState, form: FormData): Promise<UserFormState> {
  const admin = await requireRole('admin');
  const userId = id.safeParse(form.get('id'));
  if (!userId.success) return { error: 'that user no longer exists' };
  try {
    const user = removeUser(getDb(), actorOf(admin), userId.data);
    revalidatePath('/users');
    return { ok: `Removed ${user.email}.` };
  } catch (err) {
    if (err instanceof UserInputError) return { error: err.message };
    throw err;
  }
}
