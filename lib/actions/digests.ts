'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { getDb, type Db } from '../../db';
import type { DigestSubscription } from '../../db/schema';
import { recordAudit } from '../auth/audit';
import type { User } from '../auth/users';
import { getDelivery, requeueDelivery } from '../digest/deliveries';
import { SubscriptionTakenError, getSubscription, setPaused, subscribe, unsubscribe, updateSubscription } from '../digest/manage-subscriptions';
import { SubscriptionInputError, subscriptionFieldErrors, type RawSubscriptionInput, type SubscriptionField } from '../digest/subscription-input';
import { getGazetteerFor } from '../tagging/tagger-instance';
import { actorOf, mayChange, requireRole } from './authorise';

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

/**
 * The subscription an action touches, once requireRole() has let the caller change it: its owner
 * (an analyst or an admin), or an admin for anyone's and for one without an owner. A form field
 * that names no subscription still needs the analyst role, so viewers are refused alike.
 */
async function subscriptionToChange(db: Db, rawId: unknown): Promise<{ user: User; sub: DigestSubscription | undefined }> {
  const parsed = id.safeParse(rawId);
  const sub = parsed.success ? getSubscription(db, parsed.data) : undefined;
  const user = await requireRole('analyst', sub ? { ownerId: sub.ownerUserId } : {});
  return { user, sub };
}

const ref = (sub: Pick<DigestSubscription, 'id'>) => `subscription ${sub.id}`;

/**
 * Creates a subscription owned by the caller (or replaces the choices of the address's existing
 * one, when the caller owns it or is an admin), or saves the edit of one. Nothing is written unless
 * every field is valid.
 */
export async function saveSubscriptionAction(_prev: SubscriptionFormState, form: FormData): Promise<SubscriptionFormState> {
  const db = getDb();
  const editing = form.get('id') !== null && form.get('id') !== '';
  const { user, sub } = editing ? await subscriptionToChange(db, form.get('id')) : { user: await requireRole('analyst'), sub: undefined };
  if (editing && !sub) return { error: 'Nothing saved: unknown subscription.', values: submitted(form) };
  const checked = subscriptionFieldErrors(rawInput(form), getGazetteerFor(db));
  if (!checked.ok) return { error: 'Nothing saved: check the highlighted fields.', fieldErrors: checked.errors, values: submitted(form) };
  const input = checked.input;
  try {
    if (sub) {
      db.transaction(() => {
        const row = updateSubscription(db, sub.id, input);
        recordAudit(db, actorOf(user), 'subscription.update', row.email, row.email !== sub.email ? `${ref(row)}, was ${sub.email}` : ref(row));
      });
      return done(`Saved the subscription of ${input.email}.`);
    }
    const { created } = db.transaction(() => {
      // Asked inside the transaction: an address another user subscribed meanwhile is not taken over.
      const result = subscribe(db, input, new Date(), { ownerUserId: user.id, mayReplace: (existing) => mayChange(user, existing.ownerUserId) });
      recordAudit(db, actorOf(user), result.created ? 'subscription.create' : 'subscription.update', result.subscription.email, ref(result.subscription));
      return result;
    });
    return done(created ? `Subscribed ${input.email}.` : `${input.email} was already subscribed: its choices were replaced.`);
  } catch (err) {
    if (err instanceof SubscriptionTakenError) return { error: 'Nothing saved.', fieldErrors: { email: err.message }, values: submitted(form) };
    if (err instanceof SubscriptionInputError) return { error: 'Nothing saved.', fieldErrors: { [err.field]: err.message }, values: submitted(form) };
    throw err;
  }
}

export async function setPausedAction(form: FormData): Promise<void> {
  const db = getDb();
  const { user, sub } = await subscriptionToChange(db, form.get('id'));
  const paused = form.get('paused') === '1';
  if (sub && setPaused(db, sub.id, paused)) recordAudit(db, actorOf(user), paused ? 'subscription.pause' : 'subscription.resume', sub.email, ref(sub));
  revalidatePath('/digests');
}

export async function unsubscribeAction(form: FormData): Promise<void> {
  const db = getDb();
  const { user, sub } = await subscriptionToChange(db, form.get('id'));
  if (sub && unsubscribe(db, sub.id)) recordAudit(db, actorOf(user), 'subscription.unsubscribe', sub.email, ref(sub));
  revalidatePath('/digests');
}

/** A person's decision about a send that may not have gone out, or that gave up: try it again at the next run. */
export async function requeueDeliveryAction(form: FormData): Promise<void> {
  const db = getDb();
  const parsed = id.safeParse(form.get('delivery'));
  const delivery = parsed.success ? getDelivery(db, parsed.data) : undefined;
  // The delivery belongs to a subscription: whoever may change that one may decide about its sends.
  const { user, sub } = await subscriptionToChange(db, delivery?.subscriptionId);
  if (delivery && sub && requeueDelivery(db, delivery.id)) {
    recordAudit(db, actorOf(user), 'delivery.requeue', sub.email, `${ref(sub)}, ${delivery.kind} ${delivery.key}`);
  }
  revalidatePath('/digests');
}
