import 'server-only';
import { getDb } from '../../db';
import { getConfig } from '../config';
import { mayChange } from '../actions/authorise';
import type { User } from '../auth/users';
import { getSubscription, listSubscriptions } from '../digest/manage-subscriptions';
import { htmlWithInlineImages } from '../digest/message';
import { previewDigest } from '../digest/preview-digest';
import { subscriptionView } from '../digest/subscription-view';
import { EVENT_TYPES } from '../tagging/rules';
import { getGazetteerFor } from '../tagging/tagger-instance';

/**
 * What /digests shows a user: the subscriptions they may change (requireRole's ownership rule), so
 * all of them for an admin, their own for an analyst, none for a viewer.
 */
export async function fetchDigests(user: User) {
  const db = getDb();
  const gazetteer = getGazetteerFor(db);
  return {
    subscriptions: listSubscriptions(db, { includeUnsubscribed: true })
      .filter((s) => mayChange(user, s.ownerUserId))
      .map((s) => subscriptionView(db, s)),
    options: {
      companies: gazetteer.companies.map((c) => ({ id: c.id, name: c.name })).sort((a, b) => a.name.localeCompare(b.name)),
      regions: gazetteer.regions.map((r) => ({ id: r.id, name: r.name })),
      eventTypes: [...EVENT_TYPES],
      timeZones: Intl.supportedValuesOf('timeZone'),
    },
  };
}

/** The next digest of a subscription exactly as `digest send --now` would send it, images inlined for the browser; null when the user may not see it. */
export async function fetchDigestPreview(id: number, user: User) {
  const db = getDb();
  const sub = getSubscription(db, id);
  // One the user may not see is as absent as one that does not exist.
  if (!sub || !mayChange(user, sub.ownerUserId)) return null;
  const { message, content } = await previewDigest(db, sub, getConfig().APP_URL);
  return {
    email: sub.email,
    subject: message.subject,
    headers: message.headers,
    text: message.text,
    html: htmlWithInlineImages(message),
    periodKey: content.period.key,
    eventCount: content.eventCount,
    images: message.attachments.length,
  };
}
