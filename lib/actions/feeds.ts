'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { getDb } from '../../db';
import { recordAudit } from '../auth/audit';
import { getConfig } from '../config';
import { assertPublicFeedAddress } from '../feeds/check-feed-address';
import { FeedInputError, addFeed, importOpml, removeFeed, setFeedEnabled, validateFeedUrl } from '../feeds/manage-feeds';
import { OpmlError } from '../feeds/opml';
import { actorOf, requireRole } from './authorise';

/** Feeds typed into the dashboard must be on the public internet, unless the installation allows private ones. */
const checkUrl = (url: string) => assertPublicFeedAddress(url, { allowPrivate: getConfig().CHIPWATCH_ALLOW_PRIVATE_FEEDS });

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
  const user = await requireRole('admin');
  const parsed = addSchema.safeParse({ url: form.get('url') ?? '', title: form.get('title') || undefined });
  if (!parsed.success) return { fieldErrors: fieldErrors(parsed.error) };
  try {
    await checkUrl(validateFeedUrl(parsed.data.url));
    const db = getDb();
    const { feed, created } = db.transaction(() => {
      const result = addFeed(db, parsed.data.url, parsed.data.title);
      if (result.created) recordAudit(db, actorOf(user), 'feed.add', result.feed.url);
      return result;
    });
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
  const user = await requireRole('admin');
  const file = form.get('file');
  if (!(file instanceof File) || file.size === 0) return { fieldErrors: { file: 'choose an OPML file' } };
  if (file.size > MAX_OPML_BYTES) return { fieldErrors: { file: 'that file is over 1 MiB; an OPML list is usually a few KiB' } };
  try {
    const db = getDb();
    const result = await importOpml(db, await file.text(), { checkUrl });
    for (const url of result.addedUrls) recordAudit(db, actorOf(user), 'feed.add', url, 'OPML import');
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
  const user = await requireRole('admin');
  const id = idSchema.safeParse(form.get('id'));
  if (!id.success) return;
  const enabled = form.get('enabled') === '1';
  try {
    const feed = setFeedEnabled(getDb(), id.data, enabled);
    recordAudit(getDb(), actorOf(user), enabled ? 'feed.resume' : 'feed.pause', feed.url);
  } catch (err) {
    // Removed meanwhile (another tab): the page simply shows the list without it.
    if (!(err instanceof FeedInputError)) throw err;
  }
  revalidatePath('/feeds');
}

export async function removeFeedAction(form: FormData): Promise<void> {
  const user = await requireRole('admin');
  const id = idSchema.safeParse(form.get('id'));
  if (!id.success) return;
  try {
    const feed = removeFeed(getDb(), String(id.data));
    recordAudit(getDb(), actorOf(user), 'feed.remove', feed.url);
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
