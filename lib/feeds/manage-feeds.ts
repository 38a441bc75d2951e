import { asc, eq } from 'drizzle-orm';
import type { Db } from '../../db';
import { feeds, type Feed } from '../../db/schema';
import { parseFeedUrl } from './fetch-feed';
import { parseOpml, type OpmlOutline } from './opml';

export class FeedInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FeedInputError';
  }
}

/** Validates a user-supplied feed URL: http(s) only, no credentials, normalised form. */
export function validateFeedUrl(raw: string): string {
  try {
    const url = parseFeedUrl(raw.trim());
    if (url.username || url.password) throw new FeedInputError('feed URLs must not contain a user name or password');
    url.hash = '';
    return url.href;
  } catch (err) {
    throw new FeedInputError(err instanceof Error ? err.message : String(err));
  }
}

export function addFeed(db: Db, rawUrl: string, title?: string): { feed: Feed; created: boolean } {
  const url = validateFeedUrl(rawUrl);
  const existing = db.select().from(feeds).where(eq(feeds.url, url)).get();
  if (existing) return { feed: existing, created: false };
  const feed = db
    .insert(feeds)
    .values({ url, title: title?.trim() || null, kind: 'remote' })
    .returning()
    .get();
  return { feed, created: true };
}

export function listFeeds(db: Db): Feed[] {
  return db.select().from(feeds).orderBy(asc(feeds.id)).all();
}

/** Finds a feed by numeric id or by URL. */
export function findFeed(db: Db, idOrUrl: string): Feed | undefined {
  const trimmed = idOrUrl.trim();
  if (/^\d+$/.test(trimmed)) return db.select().from(feeds).where(eq(feeds.id, Number(trimmed))).get();
  const candidates = [trimmed];
  try {
    candidates.push(new URL(trimmed).href);
  } catch {
    /* not a URL: only the literal match applies */
  }
  for (const url of candidates) {
    const feed = db.select().from(feeds).where(eq(feeds.url, url)).get();
    if (feed) return feed;
  }
  return undefined;
}

/** Removes a feed and, through the foreign key, its items. */
export function removeFeed(db: Db, idOrUrl: string): Feed {
  const feed = findFeed(db, idOrUrl);
  if (!feed) throw new FeedInputError(`no feed with id or URL ${JSON.stringify(idOrUrl)}`);
  db.delete(feeds).where(eq(feeds.id, feed.id)).run();
  return feed;
}

export interface ImportResult {
  added: number;
  existing: number;
  /** Outlines refused, with the reason; nothing else in the file is affected by them. */
  rejected: { url: string; reason: string }[];
  /** The URLs of the feeds added, for the audit log. */
  addedUrls: string[];
}

/**
 * Imports the feeds of an OPML document. A document that cannot be read changes nothing; within a
 * readable document, an outline with a bad URL is reported and skipped. All additions are one
 * transaction.
 */
export async function importOpml(db: Db, text: string, options: { checkUrl?: (url: string) => Promise<void> } = {}): Promise<ImportResult> {
  const outlines = await parseOpml(text);
  const result: ImportResult = { added: 0, existing: 0, rejected: [], addedUrls: [] };
  const valid: OpmlOutline[] = [];
  for (const outline of outlines) {
    try {
      const url = validateFeedUrl(outline.url);
      // The dashboard passes the private-address check here; the CLI and first start do not.
      await options.checkUrl?.(url);
      valid.push({ ...outline, url });
    } catch (err) {
      result.rejected.push({ url: outline.url, reason: err instanceof Error ? err.message : String(err) });
    }
  }
  db.transaction((tx) => {
    for (const outline of valid) {
      const inserted = tx
        .insert(feeds)
        .values({ url: outline.url, title: outline.title ?? null, siteUrl: outline.siteUrl ?? null })
        .onConflictDoNothing({ target: feeds.url })
        .returning({ id: feeds.id })
        .get();
      if (inserted) {
        result.added++;
        result.addedUrls.push(outline.url);
      }
      else result.existing++;
    }
  });
  return result;
}

export function exportOpmlOutlines(db: Db): OpmlOutline[] {
  return listFeeds(db)
    .filter((f) => f.kind === 'remote')
    .map((f) => ({ url: f.url, title: f.title ?? undefined, siteUrl: f.siteUrl ?? undefined }));
}

/** Pauses or resumes polling a feed; a resumed feed is due at once. Its items stay either way. */
export function setFeedEnabled(db: Db, id: number, enabled: boolean): Feed {
  const feed = db
    .update(feeds)
    .set(enabled ? { enabled, nextCheckAt: null } : { enabled })
    .where(eq(feeds.id, id))
    .returning()
    .get();
  if (!feed) throw new FeedInputError(`no feed with id ${id}`);
  return feed;
}
