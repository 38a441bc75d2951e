import { prepared, type Db } from '../../db';
import type { NormalisedItem } from './normalise-item';

export interface StoreCounts {
  inserted: number;
  updated: number;
  unchanged: number;
  /** Ids of the items inserted or changed in this write: what the tagger has to look at. */
  changedIds: number[];
}

/**
 * Upserts one feed's items. Raw SQL on purpose: this is the one statement that runs for every item
 * of every poll, and a statement prepared once per connection is several times faster than building
 * it through the query builder each time. The WHERE on the update makes a re-polled, unchanged item
 * a no-op (no row returned), and keeps the first-seen date of items whose feed gives no date.
 */
const UPSERT_SQL = `
INSERT INTO items (feed_id, dedupe_key, guid, url, title, summary, content_html, published_at,
                   date_from_feed, first_seen_at, updated_at, content_hash)
VALUES (@feedId, @dedupeKey, @guid, @url, @title, @summary, @contentHtml, @publishedAt,
        @dateFromFeed, @now, @now, @contentHash)
ON CONFLICT (feed_id, dedupe_key) DO UPDATE SET
  guid = excluded.guid,
  url = excluded.url,
  title = excluded.title,
  summary = excluded.summary,
  content_html = excluded.content_html,
  published_at = CASE WHEN excluded.date_from_feed THEN excluded.published_at ELSE items.published_at END,
  date_from_feed = excluded.date_from_feed OR items.date_from_feed,
  updated_at = excluded.updated_at,
  content_hash = excluded.content_hash,
  relevant = NULL
WHERE items.content_hash <> excluded.content_hash
RETURNING id, first_seen_at AS firstSeenAt`;

/** Must run inside the caller's transaction, together with the feed-state update. */
export function upsertItems(db: Db, feedId: number, entries: NormalisedItem[], now: Date): StoreCounts {
  const stmt = prepared(db, UPSERT_SQL);
  const nowMs = now.getTime();
  const counts: StoreCounts = { inserted: 0, updated: 0, unchanged: 0, changedIds: [] };
  for (const item of entries) {
    const row = stmt.get({
      feedId,
      dedupeKey: item.dedupeKey,
      guid: item.guid,
      url: item.url,
      title: item.title,
      summary: item.summary,
      contentHtml: item.contentHtml,
      publishedAt: item.publishedAt.getTime(),
      dateFromFeed: item.dateFromFeed ? 1 : 0,
      now: nowMs,
      contentHash: item.contentHash,
    }) as { id: number; firstSeenAt: number } | undefined;
    if (!row) counts.unchanged++;
    else {
      if (row.firstSeenAt === nowMs) counts.inserted++;
      else counts.updated++;
      counts.changedIds.push(row.id);
    }
  }
  return counts;
}
