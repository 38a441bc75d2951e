'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { getDb } from '../../db';
import { requeueDelivery } from '../digest/deliveries';
import { getSubscription, setPaused, subscribe, unsubscribe, updateSubscription } from '../digest/manage-subscriptions';
import { SubscriptionInputError, subscriptionFieldErrors, type RawSubscriptionInput, type SubscriptionField } from '../digest/subscription-input';
import { getGazetteerFor } from '../tagging/tagger-instance';
import { requireRole } from './authorise';

export interface SubscriptionFormState {
  ok?: string;
  error?: string;
  fieldErrors?: Partial<Record<SubscriptionField, string>>;
  /** What was typed, handed back on a refusal: React resets a form after its action, and nobody should retype it all. */
  values?: SubmittedValues;
}

export interface SubmittedValues {
  email: string;
  cadence: string;
  weekday: string;
  hour: string;
  timeZone: string;
  companies: string;
  useWatchlist: boolean;
  countries: string;
  region: string;
  eventTypes: string[];
  minSeverity: string;
  sendWhenEmpty: boolean;
  alertScoreRise: string;
  alertMinSeverity: string;
}

function submitted(form: FormData): SubmittedValues {
  const str = (name: string) => String(form.get(name) ?? '').slice(0, 2000);
  return {
    email: str('email'),
    cadence: str('cadence'),
    weekday: str('weekday'),
    hour: str('hour'),
    timeZone: str('timeZone'),
    companies: str('companies'),
    useWatchlist: form.get('useWatchlist') === 'on',
    countries: str('countries'),
    region: str('region'),
    eventTypes: form.getAll('eventTypes').map(String).slice(0, 50),
    minSeverity: str('minSeverity'),
    sendWhenEmpty: form.get('sendWhenEmpty') === 'on',
    alertScoreRise: str('alertScoreRise'),
    alertMinSeverity: str('alertMinSeverity'),
  };
}

const text = (form: FormData, name: string) => {
  const v = form.get(name);
  return typeof v === 'string' && v.trim() !== '' ? v : undefined;
};
const list = (form: FormData, name: string) =>
  form
    .getAll(name)
    .flatMap((v) => String(v).split(/[\s,;]+/))
    .filter(Boolean);

/** The form's fields as the shared validation expects them (lib/digest/subscription-input.ts). */
function rawInput(form: FormData): RawSubscriptionInput {
  return {
    email: text(form, 'email') ?? '',
    cadence: text(form, 'cadence'),
    hour: text(form, 'hour'),
    weekday: text(form, 'weekday'),
    timeZone: text(form, 'timeZone'),
    companies: list(form, 'companies'),
    useWatchlist: form.get('useWatchlist') === 'on',
    countries: list(form, 'countries'),
    region: text(form, 'region'),
    eventTypes: list(form, 'eventTypes'),
    minSeverity: text(form, 'minSeverity'),
    sendWhenEmpty: form.get('sendWhenEmpty') === 'on',
    alertScoreRise: text(form, 'alertScoreRise'),
    alertMinSeverity: text(form, 'alertMinSeverity'),
  };
}

const id = z.coerce.number().int().positive();

function done(message: string): SubscriptionFormState {
  revalidatePath('/digests');
  return { ok: message };
}

/** Creates a subscription (or replaces the choices of the address's existing one). Nothing is written unless every field is valid. */
export async function saveSubscriptionAction(_prev: SubscriptionFormState, form: FormData): Promise<SubscriptionFormState> {
  // Analysts manage their own subscriptions, admins everyone's (issue 6 makes that distinction real).
  await requireRole('analyst');
  const db = getDb();
  const checked = subscriptionFieldErrors(rawInput(form), getGazetteerFor(db));
  if (!checked.ok) return { error: 'Nothing saved: check the highlighted fields.', fieldErrors: checked.errors, values: submitted(form) };
  const existingId = form.get('id') ? id.safeParse(form.get('id')) : null;
  if (existingId && !existingId.success) return { error: 'Nothing saved: unknown subscription.', values: submitted(form) };
  try {
    if (existingId) {
      updateSubscription(db, existingId.data, checked.input);
      return done(`Saved the subscription of ${checked.input.email}.`);
    }
    const { created } = subscribe(db, checked.input);
    return done(created ? `Subscribed ${checked.input.email}.` : `${checked.input.email} was already subscribed: its choices were replaced.`);
  } catch (err) {
    if (err instanceof SubscriptionInputError) return { error: 'Nothing saved.', fieldErrors: { [err.field]: err.message }, values: submitted(form) };
    throw err;
  }
}

export async function setPausedAction(form: FormData): Promise<void> {
  await requireRole('analyst');
  const parsed = id.safeParse(form.get('id'));
  if (parsed.success) setPaused(getDb(), parsed.data, form.get('paused') === '1');
  revalidatePath('/digests');
}

export async function unsubscribeAction(form: FormData): Promise<void> {
  await requireRole('analyst');
  const parsed = id.safeParse(form.get('id'));
  if (parsed.success && getSubscription(getDb(), parsed.data)) unsubscribe(getDb(), parsed.data);
  revalidatePath('/digests');
}

/** A person's decision about a send that may not have gone out, or that gave up: try it again at the next run. */
export async function requeueDeliveryAction(form: FormData): Promise<void> {
  await requireRole('analyst');
  const parsed = id.safeParse(form.get('delivery'));
  if (parsed.success) requeueDelivery(getDb(), parsed.data);
  revalidatePath('/digests');
}
