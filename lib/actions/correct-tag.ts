'use server';

import 'server-only';
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { getDb } from '../../db';
import { log } from '../log';
import { correctEventTag } from '../tagging/event-tags';
import type { Gazetteer } from '../tagging/gazetteer';
import { getGazetteerFor } from '../tagging/tagger-instance';
import { TagInputError } from '../tagging/manual-tags';
import { recordAudit } from '../auth/audit';
import { actorOf, requireRole } from './authorise';

export interface CorrectTagState {
  ok: boolean;
  message: string | null;
  fieldErrors: Partial<Record<'eventId' | 'kind' | 'value' | 'op', string[]>>;
}

const input = z.object({
  eventId: z.coerce.number({ error: 'missing event' }).int('missing event').positive('missing event'),
  kind: z.enum(['company', 'country'], { error: 'choose company or country' }),
  value: z.string({ error: 'enter a company or a country' }).trim().min(1, 'enter a company or a country').max(200, 'too long'),
  op: z.enum(['add', 'remove'], { error: 'choose add or remove' }),
});

/**
 * Adds a company or country to an event, or removes one, from the explorer. Manual corrections
 * survive re-tagging; the event's exposure is updated at once. Returns field errors to the form.
 */
export async function correctTag(_previous: CorrectTagState, formData: FormData): Promise<CorrectTagState> {
  const user = await requireRole('analyst');
  const parsed = input.safeParse(Object.fromEntries(['eventId', 'kind', 'value', 'op'].map((k) => [k, formData.get(k) ?? undefined])));
  if (!parsed.success) {
    const fieldErrors: CorrectTagState['fieldErrors'] = {};
    for (const issue of parsed.error.issues) (fieldErrors[issue.path[0] as keyof CorrectTagState['fieldErrors']] ??= []).push(issue.message);
    return { ok: false, message: 'Nothing changed: check the highlighted field.', fieldErrors };
  }
  const { eventId, kind, op } = parsed.data;
  const gazetteer = getGazetteerFor(getDb());
  const value = kind === 'company' ? companyIdFor(gazetteer, parsed.data.value) : parsed.data.value;
  try {
    const result = correctEventTag(getDb(), gazetteer, { eventId, kind, value, present: op === 'add' });
    recordAudit(getDb(), actorOf(user), `tag.${op}`, `event ${eventId}`, `${kind} ${result.value}`);
    // Tags show on the explorer and move scores on every dashboard page.
    revalidatePath('/', 'layout');
    const name = kind === 'company' ? (gazetteer.companyById.get(result.value)?.name ?? result.value) : result.value;
    return { ok: true, message: `${op === 'add' ? 'Added' : 'Removed'} ${name}. The correction survives re-tagging.`, fieldErrors: {} };
  } catch (err) {
    if (err instanceof TagInputError) return { ok: false, message: 'Nothing changed.', fieldErrors: { value: [err.message] } };
    log.error({ err, action: 'correctTag' }, 'tag correction failed');
    return { ok: false, message: 'The correction could not be saved; nothing changed. See the server log.', fieldErrors: {} };
  }
}

/** Analysts type names as often as ids: an exact company name (any case) counts as its id. */
function companyIdFor(gazetteer: Gazetteer, text: string): string {
  const lower = text.toLowerCase();
  return gazetteer.companies.find((c) => c.name.toLowerCase() === lower)?.id ?? text;
}
