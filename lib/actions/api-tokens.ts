'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { getDb } from '../../db';
import { createApiToken, revokeApiToken } from '../auth/api-tokens';
import { UserInputError } from '../auth/users';
import { actorOf, requireRole } from './authorise';

export interface TokenFormState {
  ok?: string;
  error?: string;
  /** The new token, shown this once. */
  token?: string;
}

/** Any signed-in user may hold read-only tokens: they read no more than the user already can. */
export async function createApiTokenAction(_prev: TokenFormState, form: FormData): Promise<TokenFormState> {
  const user = await requireRole('viewer');
  try {
    const { token, row } = createApiToken(getDb(), actorOf(user), String(form.get('name') ?? ''));
    revalidatePath('/settings');
    return { ok: `Created "${row.name}". Copy it now: it is not shown again.`, token };
  } catch (err) {
    if (err instanceof UserInputError) return { error: err.message };
    throw err;
  }
}

export async function revokeApiTokenAction(form: FormData): Promise<void> {
  const user = await requireRole('viewer');
  const id = z.coerce.number().int().positive().safeParse(form.get('id'));
  if (id.success) revokeApiToken(getDb(), actorOf(user), id.data);
  revalidatePath('/settings');
}
