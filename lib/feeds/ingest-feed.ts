import { and, eq, ne } from 'drizzle-orm';
import type { Agent } from 'undici';
import { prepared, type Db } from '../../db';
import { feeds, type Feed } from '../../db/schema';
import { log } from '../log';
import { backoffDelayMs } from './backoff';
import { getTaggerFor, taggerSpecFor } from '../tagging/tagger-instance';
import { PreparerUnavailableError, type DocumentPreparer } from './document-preparer';
import { fetchFeed, type FetchFeedResult } from './fetch-feed';
import { prepareDocument, type DocumentInput, type PreparedDocument } from './prepare-document';
import { indexUnindexedItems, storeItems, type StoreCounts, type StoreRun } from './store-items';
import type { WriteGroup } from './write-group';
import type { ClusterMemo } from '../tagging/cluster-memo';

export interface IngestContext {
  agent: Agent;
  timeoutMs: number;
  maxBytes: number;
  pollMs: number;
  now?: () => Date;
  random?: () => number;
  /** Prepares documents on a worker thread; without one they are prepared on this thread. */
  preparer?: DocumentPreparer;
  /** The run's memo of the items it wrote, for clustering the next documents (cluster-memo.ts). */
  memo?: ClusterMemo;
  /** Commits the run's writes a few feeds at a time (write-group.ts); without one, each write commits alone. */
  writes?: WriteGroup;
}

/** What the shared store path takes from an ingest run (all optional: `demo` and tests pass none). */
export type RunParts = Pick<IngestContext, 'preparer' | 'memo' | 'writes'>;

export interface FeedOutcome {
  feedId: number;
  url: string;
  status: 'ok' | 'not-modified' | 'error';
  error?: string;
  inserted: number;
  updated: number;
  unchanged: number;
}

/**
 * Fetches one feed and stores what it holds; every failure ends up as the feed's lastError, never as
 * a throw. `onFetched` is called once the response is over (body in hand, or the fetch failed), before
 * the document is prepared and stored: the run then lets another fetch start (run-ingest.ts).
 */
export async function ingestFeed(db: Db, feed: Feed, ctx: IngestContext, onFetched?: () => void): Promise<FeedOutcome> {
  const now = ctx.now ?? (() => new Date());
  try {
    let fetched: FetchFeedResult;
    try {
      fetched = await fetchFeed(feed.url, {
        agent: ctx.agent,
        timeoutMs: ctx.timeoutMs,
        maxBytes: ctx.maxBytes,
        etag: feed.etag,
        lastModified: feed.lastModified,
      });
    } finally {
      onFetched?.();
    }
    const movedTo = fetched.permanentUrl ? claimableUrl(db, feed.id, fetched.permanentUrl) : undefined;
    if (fetched.kind === 'not-modified') {
      const at = now();
      write(ctx, () => db.update(feeds)
        .set({
          ...(movedTo ? { url: movedTo } : {}),
          lastStatus: 'not-modified',
          lastError: null,
          consecutiveFailures: 0,
          lastFetchedAt: at,
          nextCheckAt: new Date(at.getTime() + ctx.pollMs),
        })
        .where(eq(feeds.id, feed.id))
        .run());
      return emptyOutcome(feed, 'not-modified');
    }
    const fetchedAt = now();
    return await storeFeedDocument(db, feed, fetched.body, fetched.contentType, {
      now: fetchedAt,
      nextCheckAt: new Date(fetchedAt.getTime() + ctx.pollMs),
      etag: fetched.etag,
      lastModified: fetched.lastModified,
      url: movedTo,
    }, ctx);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    write(ctx, () => recordFailure(db, feed, message, ctx, now(), (err as { retryAfterMs?: number }).retryAfterMs));
    return { ...emptyOutcome(feed, 'error'), error: message };
  }
}

export interface DocumentState {
  now: Date;
  nextCheckAt: Date | null;
  etag?: string | null;
  lastModified?: string | null;
  url?: string;
}

/**
 * The shared decode → parse → normalise → tag → store path, used by fetched feeds and by the bundled
 * sample archive alike. With a preparer (an ingest run of several feeds), everything before the store
 * runs on its worker thread. Items and the feed's new state are written in one transaction: a crash
 * before the commit leaves the feed exactly as it was (old ETag included), so the next run redoes it.
 */
export async function storeFeedDocument(
  db: Db,
  feed: Pick<Feed, 'id' | 'url' | 'title' | 'siteUrl'>,
  body: Buffer,
  contentType: string | null,
  state: DocumentState,
  run: RunParts = {},
): Promise<FeedOutcome> {
  const { memo } = run;
  const input: DocumentInput = { body, contentType, fallbackBase: state.url ?? feed.url, now: state.now.getTime() };
  const document = await prepare(db, input, run.preparer);
  let counts: StoreCounts;
  if (run.writes) {
    // A rollback of the group clears the memo itself, before it redoes the other feeds' writes.
    const writes = run.writes;
    counts = writes.write(() => writeDocument(db, feed, document, state, { memo, indexLater: () => writes.beforeCommit(fullTextTask(db)) }));
  } else {
    try {
      counts = db.transaction(() => writeDocument(db, feed, document, state, { memo }), { behavior: 'immediate' });
    } catch (err) {
      // Rolled back: the ids the memo learned will be given to other items.
      memo?.clear();
      throw err;
    }
  }
  const { inserted, updated, unchanged } = counts;
  return { feedId: feed.id, url: state.url ?? feed.url, status: 'ok', inserted, updated, unchanged };
}

// The feed's state after a stored document: a raw statement prepared once, like the item writes
// (store-items.ts), where the query builder built and prepared it afresh for every document.
const FEED_STORED_SQL = `UPDATE feeds SET url = coalesce(?, url), title = ?, site_url = ?, etag = ?, last_modified = ?,
    last_status = 'ok', last_error = NULL, consecutive_failures = 0, last_fetched_at = ?, next_check_at = ?,
    item_count = (SELECT count(*) FROM items WHERE feed_id = ?)
  WHERE id = ?`;

/**
 * Items and the feed's new state. Runs inside an IMMEDIATE transaction, the run's write group's or
 * one of its own (storeFeedDocument), so the two always commit together.
 */
function writeDocument(
  db: Db,
  feed: Pick<Feed, 'id' | 'title' | 'siteUrl'>,
  document: PreparedDocument,
  state: DocumentState,
  run: StoreRun,
): StoreCounts {
  const result = storeItems(db, feed.id, document.entries, document.taggerVersion, state.now, run);
  prepared(db, FEED_STORED_SQL).run(
    state.url ?? null,
    feed.title ?? document.title ?? null,
    feed.siteUrl ?? document.siteLink ?? null,
    state.etag ?? null,
    state.lastModified ?? null,
    state.now.getTime(),
    state.nextCheckAt?.getTime() ?? null,
    feed.id,
    feed.id,
  );
  return result;
}

// One task per connection, so a group that stores many documents indexes their items once.
const fullTextTasks = new WeakMap<Db, () => void>();
function fullTextTask(db: Db): () => void {
  let task = fullTextTasks.get(db);
  if (!task) fullTextTasks.set(db, (task = () => indexUnindexedItems(db)));
  return task;
}

/** Through the run's write group when there is one, so a group's rollback never drops a write unseen. */
function write<T>(ctx: Pick<IngestContext, 'writes'>, fn: () => T): T {
  return ctx.writes ? ctx.writes.write(fn) : fn();
}

/** On the preparer's thread when there is one that works, else here. */
async function prepare(db: Db, input: DocumentInput, preparer: DocumentPreparer | undefined): Promise<PreparedDocument> {
  if (preparer?.available) {
    try {
      return await preparer.prepare(input, taggerSpecFor(db));
    } catch (err) {
      if (!(err instanceof PreparerUnavailableError)) throw err;
    }
  }
  return prepareDocument(input, getTaggerFor(db));
}

export function recordFailure(
  db: Db,
  feed: Pick<Feed, 'id' | 'url' | 'consecutiveFailures'>,
  message: string,
  ctx: Pick<IngestContext, 'pollMs' | 'random'>,
  at: Date,
  retryAfterMs?: number,
): void {
  const failures = feed.consecutiveFailures + 1;
  const delay = Math.max(backoffDelayMs(failures, ctx.pollMs, ctx.random), retryAfterMs ?? 0);
  db.update(feeds)
    .set({
      lastStatus: 'error',
      lastError: message,
      consecutiveFailures: failures,
      lastFetchedAt: at,
      nextCheckAt: new Date(at.getTime() + Math.min(delay, 7 * 24 * 3600 * 1000)),
    })
    .where(eq(feeds.id, feed.id))
    .run();
  log.warn({ feedId: feed.id, url: feed.url, failures, error: message }, 'feed failed');
}

/** A permanent redirect moves the stored URL, unless another feed already has that URL. */
function claimableUrl(db: Db, feedId: number, url: string): string | undefined {
  const taken = db
    .select({ id: feeds.id })
    .from(feeds)
    .where(and(eq(feeds.url, url), ne(feeds.id, feedId)))
    .get();
  return taken ? undefined : url;
}

function emptyOutcome(feed: Pick<Feed, 'id' | 'url'>, status: FeedOutcome['status']): FeedOutcome {
  return { feedId: feed.id, url: feed.url, status, inserted: 0, updated: 0, unchanged: 0 };
}
