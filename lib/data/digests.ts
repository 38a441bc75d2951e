import 'server-only';
import { getDb } from '../../db';
import { getConfig } from '../config';
import { getSubscription } from '../digest/manage-subscriptions';
import { htmlWithInlineImages } from '../digest/message';
import { previewDigest } from '../digest/preview-digest';
import { subscriptionViews } from '../digest/subscription-view';
import { EVENT_TYPES } from '../tagging/rules';
import { getGazetteerFor } from '../tagging/tagger-instance';

export async function fetchDigests() {
  const db = getDb();
  const gazetteer = getGazetteerFor(db);
  return {
    subscriptions: subscriptionViews(db, { includeUnsubscribed: true }),
    options: {
      companies: gazetteer.companies.map((c) => ({ id: c.id, name: c.name })).sort((a, b) => a.name.localeCompare(b.name)),
      regions: gazetteer.regions.map((r) => ({ id: r.id, name: r.name })),
      eventTypes: [...EVENT_TYPES],
      timeZones: Intl.supportedValuesOf('timeZone'),
    },
  };
}

/** The next digest of a subscription exactly as `digest send --now` would send it, images inlined for the browser. */
export async function fetchDigestPreview(id: number) {
  const db = getDb();
  const sub = getSubscription(db, id);
  if (!sub) return null;
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
