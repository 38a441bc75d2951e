'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { getDb } from '../../db';
import { FeedInputError, addFeed, importOpml, removeFeed, setFeedEnabled } from '../feeds/manage-feeds';
import { OpmlError } from '../feeds/opml';
import { requireRole } from './authorise';

export interface FeedFormState {
  ok?: string;
  error?: string;
  fieldErrors?: Partial<Record<'url' | 'title' | 'file', string>>;
}

const addSchema = z.object({
  url: z.string().trim().min(1, 'enter the feed’s URL').max(2048, 'that URL is too long'),
  title: z.string().trim().max(200, 'keep the title under 200 characters').optional(),
});

/** Adds a feed from the form; it is fetched at the next scheduled run. */
export async function addFeedAction(_prev: FeedFormState, form: FormData): Promise<FeedFormState> {
  await requireRole('admin');
  const parsed = addSchema.safeParse({ url: form.get('url') ?? '', title: form.get('title') || undefined });
  if (!parsed.success) return { fieldErrors: fieldErrors(parsed.error) };
  try {
    const { feed, created } = addFeed(getDb(), parsed.data.url, parsed.data.title);
    revalidatePath('/feeds');
    return { ok: created ? `Added ${feed.url}; it is fetched at the next run.` : `${feed.url} is already in the list.` };
  } catch (err) {
    if (err instanceof FeedInputError) return { fieldErrors: { url: err.message } };
    throw err;
  }
}

const MAX_OPML_BYTES = 1024 * 1024;

/** Imports an uploaded OPML file: a file that cannot be read changes nothing. */
export async function importOpmlAction(_prev: FeedFormState, form: FormData): Promise<FeedFormState> {
  await requireRole('admin');
  const file = form.get('file');
  if (!(file instanceof File) || file.size === 0) return { fieldErrors: { file: 'choose an OPML file' } };
  if (file.size > MAX_OPML_BYTES) return { fieldErrors: { file: 'that file is over 1 MiB; an OPML list is usually a few KiB' } };
  try {
    const result = await importOpml(getDb(), await file.text());
    revalidatePath('/feeds');
    const rejected = result.rejected.length ? `; refused ${result.rejected.map((r) => `${r.url} (${r.reason})`).join(', ')}` : '';
    return { ok: `Imported ${result.added} new feeds, ${result.existing} already listed${rejected}.` };
  } catch (err) {
    if (err instanceof OpmlError) return { fieldErrors: { file: err.message } };
    throw err;
  }
}

const idSchema = z.coerce.number().int().positive();

export async function setFeedEnabledAction(form: FormData): Promise<void> {
  await requireRole('admin');
  const id = idSchema.safeParse(form.get('id'));
  if (!id.success) return;
  setFeedEnabled(getDb(), id.data, form.get('enabled') === '1');
  revalidatePath('/feeds');
}

export async function removeFeedAction(form: FormData): Promise<void> {
  await requireRole('admin');
  const id = idSchema.safeParse(form.get('id'));
  if (!id.success) return;
  try {
    removeFeed(getDb(), String(id.data));
  } catch (err) {
    // Already gone (a second click, another tab): the page simply shows the list without it.
    if (!(err instanceof FeedInputError)) throw err;
  }
  revalidatePath('/feeds');
}

function fieldErrors(error: z.ZodError): FeedFormState['fieldErrors'] {
  const out: FeedFormState['fieldErrors'] = {};
  for (const issue of error.issues) {
    const key = issue.path[0] as keyof NonNullable<FeedFormState['fieldErrors']>;
    out[key] ??= issue.message;
  }
  return out;
}
