import { CLI_ACTOR, recordAudit } from '../../lib/auth/audit';
import { getConfig } from '../../lib/config';
import { mailSettings } from '../../lib/digest/mail-settings';
import { findSubscriptionByEmail, subscribe, unsubscribe } from '../../lib/digest/manage-subscriptions';
import type { SendSummary } from '../../lib/digest/send-digests';
import { parseSubscriptionInput, SubscriptionInputError } from '../../lib/digest/subscription-input';
import { subscriptionView, subscriptionViews, type SubscriptionView } from '../../lib/digest/subscription-view';
import { getGazetteerFor } from '../../lib/tagging/tagger-instance';
import { UsageError, expectPositionals, openMigratedDb, parse } from '../cli-args';

/**
 * The rendering stack (react-email, resvg) takes about two seconds to load; only the commands that
 * render pay for it, not every `cli` call that merely lists or subscribes.
 */
async function loadRendering() {
  const [{ previewDigest }, { sendDigests }] = await Promise.all([import('../../lib/digest/preview-digest'), import('../../lib/digest/send-digests')]);
  return { previewDigest, sendDigests };
}

/** Flag names as the CLI spells them, for messages about a field. */
const FLAG: Record<string, string> = {
  email: '--email',
  cadence: '--cadence',
  hour: '--hour',
  weekday: '--weekday',
  timeZone: '--tz',
  companies: '--company',
  countries: '--country',
  region: '--region',
  eventTypes: '--type',
  minSeverity: '--min-severity',
  alertScoreRise: '--alert-rise',
  alertMinSeverity: '--alert-severity',
};

/** `digest subscribe|list|unsubscribe|preview|send`: email digests from the command line. */
export async function digestCommand(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  switch (sub) {
    case 'subscribe':
      return subscribeCommand(rest);
    case 'list':
      return listCommand(rest);
    case 'unsubscribe':
      return unsubscribeCommand(rest);
    case 'preview':
      return previewCommand(rest);
    case 'send':
      return sendCommand(rest);
    default:
      throw new UsageError(sub ? `unknown digest command: ${sub}` : 'missing digest command (subscribe, list, unsubscribe, preview or send)');
  }
}

async function subscribeCommand(args: string[]): Promise<number> {
  const { values, positionals } = parse(args, {
    email: { type: 'string' },
    company: { type: 'string', multiple: true },
    country: { type: 'string', multiple: true },
    region: { type: 'string' },
    watchlist: { type: 'boolean' },
    type: { type: 'string', multiple: true },
    'min-severity': { type: 'string' },
    cadence: { type: 'string' },
    hour: { type: 'string' },
    weekday: { type: 'string' },
    tz: { type: 'string' },
    'send-when-empty': { type: 'boolean' },
    'alert-rise': { type: 'string' },
    'alert-severity': { type: 'string' },
  });
  expectPositionals(positionals, 0, '');
  if (!values.email) throw new UsageError('missing --email');
  const db = openMigratedDb();
  // Validated in full before anything is written: a bad flag changes nothing.
  const input = withFlagNames(() =>
    parseSubscriptionInput(
      {
        email: values.email,
        cadence: values.cadence,
        hour: values.hour,
        weekday: values.weekday,
        timeZone: values.tz,
        companies: values.company,
        useWatchlist: values.watchlist ?? false,
        countries: values.country,
        region: values.region,
        eventTypes: values.type,
        minSeverity: values['min-severity'],
        sendWhenEmpty: values['send-when-empty'] ?? false,
        alertScoreRise: values['alert-rise'],
        alertMinSeverity: values['alert-severity'],
      },
      getGazetteerFor(db),
    ),
  );
  // No owner: a subscription made from the command line is changed from the dashboard by admins only.
  const { subscription, created } = db.transaction(() => {
    const result = subscribe(db, input);
    recordAudit(db, CLI_ACTOR, result.created ? 'subscription.create' : 'subscription.update', result.subscription.email, `subscription ${result.subscription.id}`);
    return result;
  });
  const view = subscriptionView(db, subscription);
  console.log(`${created ? 'subscribed' : 'updated the subscription of'} ${view.email}: ${describe(view)}`);
  return 0;
}

async function listCommand(args: string[]): Promise<number> {
  const { values, positionals } = parse(args, { json: { type: 'boolean' }, all: { type: 'boolean' } });
  expectPositionals(positionals, 0, '');
  const views = subscriptionViews(openMigratedDb(), { includeUnsubscribed: values.all });
  if (values.json) {
    console.log(JSON.stringify(views, null, 2));
    return 0;
  }
  if (views.length === 0) {
    console.log('no subscriptions (add one with: digest subscribe --email you@example.com)');
    return 0;
  }
  for (const v of views) {
    const last = v.lastDelivery ? `last ${v.lastDelivery.kind} ${v.lastDelivery.key}: ${v.lastDelivery.status}${v.lastDelivery.error ? ` (${v.lastDelivery.error})` : ''}` : 'nothing sent yet';
    console.log(`${v.email} [${v.status}] ${describe(v)}; ${last}`);
  }
  return 0;
}

async function unsubscribeCommand(args: string[]): Promise<number> {
  const { values, positionals } = parse(args, { email: { type: 'string' } });
  expectPositionals(positionals, 0, '');
  if (!values.email) throw new UsageError('missing --email');
  const db = openMigratedDb();
  const sub = findSubscriptionByEmail(db, values.email);
  if (!sub) throw new SubscriptionInputError('email', `no subscription for ${values.email.trim().toLowerCase()}`);
  const changed = db.transaction(() => {
    const done = unsubscribe(db, sub.id);
    if (done) recordAudit(db, CLI_ACTOR, 'subscription.unsubscribe', sub.email, `subscription ${sub.id}`);
    return done;
  });
  console.log(changed ? `unsubscribed ${sub.email}: no further digests or alerts` : `${sub.email} was already unsubscribed`);
  return 0;
}

async function previewCommand(args: string[]): Promise<number> {
  const { values, positionals } = parse(args, { email: { type: 'string' } });
  expectPositionals(positionals, 0, '');
  if (!values.email) throw new UsageError('missing --email');
  const db = openMigratedDb();
  const sub = findSubscriptionByEmail(db, values.email);
  if (!sub) throw new SubscriptionInputError('email', `no subscription for ${values.email.trim().toLowerCase()}`);
  const { previewDigest } = await loadRendering();
  const { message } = await previewDigest(db, sub, getConfig().APP_URL);
  process.stdout.write(message.text);
  return 0;
}

async function sendCommand(args: string[]): Promise<number> {
  const { values, positionals } = parse(args, { now: { type: 'boolean' }, 'dry-run': { type: 'boolean' }, json: { type: 'boolean' } });
  expectPositionals(positionals, 0, '');
  const db = openMigratedDb();
  const { sendDigests } = await loadRendering();
  const settings = mailSettings(getConfig());
  let summary: SendSummary;
  try {
    // A person ran this: failed sends are retried at once rather than after their backoff.
    summary = await sendDigests(db, { ...settings, mode: values.now ? 'now' : 'due', dryRun: values['dry-run'], ignoreBackoff: true });
  } finally {
    settings.mailer.close();
  }
  if (values.json) console.log(JSON.stringify(summary, null, 2));
  else printSummary(summary, settings.mailer.kind, getConfig().CHIPWATCH_OUTBOX_DIR, values['dry-run'] ?? false);
  const failed = summary.outcomes.filter((o) => o.status === 'failed');
  for (const f of failed) console.error(`error: digest for ${f.email} (${f.key}) failed: ${f.error}`);
  return failed.length ? 1 : 0;
}

function printSummary(summary: SendSummary, transport: string, outbox: string, dryRun: boolean): void {
  for (const o of summary.outcomes) {
    const what = { sent: 'sent', empty: 'nothing new, not sent (send-when-empty is off)', failed: 'FAILED', 'would-send': 'would send', 'would-skip-empty': 'would skip: nothing new' }[o.status];
    console.log(`${o.email} ${o.key}: ${what}${o.status === 'failed' ? '' : ` (${o.events} events)`}`);
  }
  if (dryRun) {
    console.log(`dry run: ${summary.outcomes.length} digests considered, nothing sent or recorded`);
    return;
  }
  const where = transport === 'outbox' ? ` (written to ${outbox}: SMTP_URL is not set)` : '';
  console.log(`digests: ${summary.sent} sent${where}, ${summary.empty} empty, ${summary.failed} failed, ${summary.skipped} already handled or waiting`);
  if (summary.settled.uncertain) console.log(`${summary.settled.uncertain} interrupted sends may or may not have been delivered: see /digests`);
}

function describe(v: SubscriptionView): string {
  const when = v.cadence === 'weekly' ? `weekly on ${['', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'][v.weekday]}` : 'daily';
  const filters = [
    v.companies.length ? `companies ${v.companies.join(',')}` : '',
    v.watchlist ? 'the watchlist' : '',
    v.countries.length ? `countries ${v.countries.join(',')}` : '',
    v.region ? `region ${v.region}` : '',
    v.types.length ? `types ${v.types.join(',')}` : '',
    v.minSeverity !== null ? `severity >= ${v.minSeverity}` : '',
  ].filter(Boolean);
  return `${when} at ${String(v.hour).padStart(2, '0')}:00 ${v.tz}; ${filters.length ? filters.join('; ') : 'all relevant events'}`;
}

/** Field errors from the shared validation, reworded with the CLI's flag names. */
function withFlagNames<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof SubscriptionInputError) throw new SubscriptionInputError(err.field, `${FLAG[err.field] ?? err.field}: ${err.message}`);
    throw err;
  }
}
