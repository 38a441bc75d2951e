import { desc, eq } from 'drizzle-orm';
import type { Db } from '../../db';
import { digestDeliveries, users, type DigestSubscription } from '../../db/schema';
import { listSubscriptions, type ListOptions } from './manage-subscriptions';
import { currentPeriod } from './period';

export interface DeliveryView {
  id: number;
  kind: 'digest' | 'alert';
  key: string;
  status: string;
  attempts: number;
  error: string | null;
  nextAttemptAt: string | null;
  sentAt: string | null;
  updatedAt: string;
  events: number | null;
}

/** A subscription as `digest list --json` prints it and /digests shows it; field names follow the CLI flags. */
export interface SubscriptionView {
  id: number;
  email: string;
  /** The dashboard user who created it; null for one from the CLI (or whose owner was removed), which only admins change. */
  ownerUserId: number | null;
  /** The owner's e-mail, when there is one. */
  owner: string | null;
  status: 'active' | 'paused' | 'unsubscribed';
  cadence: string;
  hour: number;
  weekday: number;
  tz: string;
  companies: string[];
  watchlist: boolean;
  countries: string[];
  region: string | null;
  types: string[];
  minSeverity: number | null;
  sendWhenEmpty: boolean;
  alertRise: number | null;
  alertSeverity: number | null;
  /** When the period in progress ends and its digest goes out. */
  nextSendAt: string | null;
  lastDelivery: DeliveryView | null;
  /** Recent deliveries, newest first, digests and alerts. */
  deliveries: DeliveryView[];
}

export function subscriptionView(db: Db, sub: DigestSubscription, now = new Date(), recent = 5): SubscriptionView {
  const rows = db.select().from(digestDeliveries).where(eq(digestDeliveries.subscriptionId, sub.id)).orderBy(desc(digestDeliveries.updatedAt), desc(digestDeliveries.id)).limit(recent).all();
  const deliveries = rows.map(
    (d): DeliveryView => ({
      id: d.id,
      kind: d.kind,
      key: d.key,
      status: d.status,
      attempts: d.attempts,
      error: d.lastError,
      nextAttemptAt: d.nextAttemptAt?.toISOString() ?? null,
      sentAt: d.sentAt?.toISOString() ?? null,
      updatedAt: d.updatedAt.toISOString(),
      events: d.eventCount,
    }),
  );
  const status = sub.unsubscribedAt ? 'unsubscribed' : sub.paused ? 'paused' : 'active';
  const owner = sub.ownerUserId === null ? undefined : db.select({ email: users.email }).from(users).where(eq(users.id, sub.ownerUserId)).get();
  return {
    id: sub.id,
    email: sub.email,
    ownerUserId: sub.ownerUserId,
    owner: owner?.email ?? null,
    status,
    cadence: sub.cadence,
    hour: sub.hour,
    weekday: sub.weekday,
    tz: sub.timeZone,
    companies: sub.companies,
    watchlist: sub.useWatchlist,
    countries: sub.countries,
    region: sub.region,
    types: sub.eventTypes,
    minSeverity: sub.minSeverity,
    sendWhenEmpty: sub.sendWhenEmpty,
    alertRise: sub.alertScoreRise,
    alertSeverity: sub.alertMinSeverity,
    nextSendAt: status === 'active' ? currentPeriod(sub, now).end.toISOString() : null,
    lastDelivery: deliveries[0] ?? null,
    deliveries,
  };
}

export function subscriptionViews(db: Db, options: ListOptions & { now?: Date } = {}): SubscriptionView[] {
  return listSubscriptions(db, options).map((s) => subscriptionView(db, s, options.now));
}
