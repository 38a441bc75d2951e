import { and, asc, eq, inArray, isNull, lte, or } from 'drizzle-orm';
import type net from 'node:net';
import type { Db } from '../../db';
import { feeds, jobRuns, type Feed } from '../../db/schema';
import { getConfig } from '../config';
import { acquireJobLock } from '../jobs/job-lock';
import { startJobRun } from '../jobs/job-runs';
import { log } from '../log';
import { DocumentPreparer } from './document-preparer';
import { createFeedAgent } from './http-agent';
import { ingestFeed, type FeedOutcome } from './ingest-feed';
import { WriteGroup } from './write-group';
import { ClusterMemo } from '../tagging/cluster-memo';

export interface IngestOptions {
  /** Only these feeds (ids). */
  feedIds?: number[];
  /** Only feeds whose next check is due: what the scheduler runs. */
  dueOnly?: boolean;
  concurrency?: number;
  allowPrivate?: boolean;
  timeoutMs?: number;
  maxBytes?: number;
  pollMinutes?: number;
  lookup?: net.LookupFunction;
  now?: () => Date;
  random?: () => number;
  onFeedDone?: (outcome: FeedOutcome, done: number, total: number) => void;
  /** `false` prepares every document on this thread (default: a worker thread when the run has several feeds). */
  prepareOnWorker?: boolean;
  /** Stops starting new feeds (graceful shutdown); feeds in flight finish. */
  signal?: AbortSignal;
}

export interface IngestSummary {
  feeds: number;
  ok: number;
  notModified: number;
  failed: number;
  inserted: number;
  updated: number;
  skipped: number;
  durationMs: number;
  outcomes: FeedOutcome[];
}

/** The feeds an ingest run should fetch: enabled remote feeds, all of them or only the due ones. */
export function selectFeedsToFetch(db: Db, options: Pick<IngestOptions, 'feedIds' | 'dueOnly'>, now: Date): Feed[] {
  const conditions = [eq(feeds.kind, 'remote')];
  if (options.feedIds?.length) conditions.push(inArray(feeds.id, options.feedIds));
  else conditions.push(eq(feeds.enabled, true));
  if (options.dueOnly) conditions.push(or(isNull(feeds.nextCheckAt), lte(feeds.nextCheckAt, now))!);
  return db
    .select()
    .from(feeds)
    .where(and(...conditions))
    .orderBy(asc(feeds.nextCheckAt), asc(feeds.id))
    .all();
}

/**
 * One ingest run, shared by the scheduler, `ingest` on the command line, and the tests. It holds the
 * database lock for the whole run, fetches at most `concurrency` feeds at once and never two from
 * the same host at once (politeness, and one slow host cannot take every slot), and records the run.
 */
export async function runIngest(db: Db, options: IngestOptions = {}): Promise<IngestSummary> {
  const config = getConfig();
  const now = options.now ?? (() => new Date());
  const started = Date.now();
  const lock = acquireJobLock(db, 'ingest');
  const heartbeat = setInterval(() => lock.refresh(), 30_000);
  heartbeat.unref();
  // Any run still marked running was left by a process that died: we hold the lock now.
  db.update(jobRuns)
    .set({ status: 'abandoned', finishedAt: now(), error: 'process ended before the run finished' })
    .where(and(eq(jobRuns.job, 'ingest'), eq(jobRuns.status, 'running')))
    .run();
  const finish = startJobRun(db, 'ingest', now());
  const agent = createFeedAgent({
    allowPrivate: options.allowPrivate ?? config.CHIPWATCH_ALLOW_PRIVATE_FEEDS,
    lookup: options.lookup,
  });

  // A run of several feeds prepares documents on a worker thread while this one writes (see
  // document-preparer.ts); one feed alone would wait for the thread to start and gain nothing.
  let preparer: DocumentPreparer | undefined;
  let restoreSettings: (() => void) | undefined;
  let writes: WriteGroup | undefined;
  const summary: IngestSummary = {
    feeds: 0, ok: 0, notModified: 0, failed: 0, inserted: 0, updated: 0, skipped: 0, durationMs: 0, outcomes: [],
  };
  try {
    const queue = selectFeedsToFetch(db, options, now());
    summary.feeds = queue.length;
    if (queue.length > 1 && options.prepareOnWorker !== false) {
      preparer = new DocumentPreparer();
      preparer.warmUp();
    }
    restoreSettings = runSettings(db);
    const memo = new ClusterMemo();
    writes = new WriteGroup(db, () => memo.clear());
    const ctx = {
      agent,
      timeoutMs: options.timeoutMs ?? config.CHIPWATCH_FETCH_TIMEOUT_MS,
      maxBytes: options.maxBytes ?? config.CHIPWATCH_MAX_FEED_BYTES,
      pollMs: (options.pollMinutes ?? config.CHIPWATCH_POLL_MINUTES) * 60_000,
      now,
      random: options.random,
      preparer,
      memo,
      writes,
    };
    const fetchingAtOnce = options.concurrency ?? config.CHIPWATCH_FETCH_CONCURRENCY;
    const limits = { fetching: fetchingAtOnce, inFlight: fetchingAtOnce + DOCUMENTS_IN_HAND };
    await runWithHostLimits(queue, limits, options.signal, async (feed, fetched) => {
      const outcome = await ingestFeed(db, feed, ctx, fetched);
      summary.outcomes.push(outcome);
      if (outcome.status === 'ok') summary.ok++;
      else if (outcome.status === 'not-modified') summary.notModified++;
      else summary.failed++;
      summary.inserted += outcome.inserted;
      summary.updated += outcome.updated;
      options.onFeedDone?.(outcome, summary.outcomes.length, queue.length);
    });
    writes.commit();
    summary.skipped = queue.length - summary.outcomes.length;
    summary.durationMs = Date.now() - started;
    const aborted = options.signal?.aborted ?? false;
    finish(aborted ? 'abandoned' : 'ok', countsOf(summary), aborted ? 'stopped by shutdown before every feed was fetched' : undefined);
    log.info({ job: 'ingest', ...countsOf(summary) }, 'ingest run finished');
    return summary;
  } catch (err) {
    finish('error', countsOf(summary), err instanceof Error ? err.message : String(err));
    throw err;
  } finally {
    // After an error: what the group holds is whole feeds, as good as any committed before it.
    try {
      writes?.commit();
    } catch (err) {
      log.error({ err }, 'ingest: the last group of feeds could not be committed');
    }
    await preparer?.close();
    restoreSettings?.();
    clearInterval(heartbeat);
    lock.release();
    await agent.close();
  }
}

// Fetched documents that may wait for the worker and the database beyond those being fetched: enough
// that the worker always has the next one, few enough to stay small (a document of 500 items is
// ~0.25 MiB of XML, ~1 MiB once prepared).
const DOCUMENTS_IN_HAND = 4;

// SQLite copies the write-ahead log back into the database (a checkpoint) whenever it passes 1,000
// pages, inside the commit that crossed the line. An ingest commits a few MiB per feed, so it paid for
// a checkpoint every few feeds, and copied the same index pages back again each time: ~12% of the
// run (docs/benchmarks.md). During a run the log may grow to WAL_PAGES_DURING_INGEST pages
// (~64 MiB); the run ends with one checkpoint, after its last commit.
const WAL_PAGES_DURING_INGEST = 16_384;
const WAL_PAGES_DEFAULT = 1_000;
// The page cache shrinks to this during a run (openDb's larger cache is for the dashboard's reads).
// An ingest writes pages it rarely reads again: with the whole database cached, the benchmark's
// ingest process passed its 400 MiB memory target, and a 16 MiB cache cost no measurable time
// (docs/benchmarks.md, 2026-12-04).
const CACHE_KIB_DURING_INGEST = 16_384;

/** Sets the connection up for a run; the function returned puts it back and checkpoints. */
function runSettings(db: Db): () => void {
  const cacheSize = db.$client.pragma('cache_size', { simple: true }) as number;
  db.$client.pragma(`wal_autocheckpoint = ${WAL_PAGES_DURING_INGEST}`);
  db.$client.pragma(`cache_size = -${CACHE_KIB_DURING_INGEST}`);
  return () => {
    db.$client.pragma(`cache_size = ${cacheSize}`);
    db.$client.pragma(`wal_autocheckpoint = ${WAL_PAGES_DEFAULT}`);
    try {
      // PASSIVE: copies what it can without waiting for readers (the dashboard) to finish.
      db.$client.pragma('wal_checkpoint(PASSIVE)');
    } catch (err) {
      log.warn({ err }, 'checkpoint after ingest failed; SQLite retries at the next commit');
    }
  };
}

function countsOf(s: IngestSummary): Record<string, number> {
  return {
    feeds: s.feeds, ok: s.ok, notModified: s.notModified, failed: s.failed,
    inserted: s.inserted, updated: s.updated, skipped: s.skipped, durationMs: s.durationMs,
  };
}

function hostOf(url: string): string {
  try {
    return new URL(url).host.toLowerCase();
  } catch {
    return url;
  }
}

export interface RunLimits {
  /** Feeds being fetched at once (never two from one host). */
  fetching: number;
  /** Feeds started and not yet finished: fetching, or fetched and waiting to be prepared and stored. */
  inFlight: number;
}

/**
 * Runs `work` over the feeds within `limits`. A feed holds its fetch slot and its host until `work`
 * calls `fetched` (or ends): the limits are about the sources' servers, and a fetched document
 * waiting for the database is none of their business. Holding the slot until the store used to
 * let the pipeline run dry every `fetching` documents, while all of them waited at once for the
 * one thread that writes (docs/benchmarks.md, 2026-12-04). `inFlight` bounds what is held in memory.
 */
export async function runWithHostLimits(
  queue: Feed[],
  limits: RunLimits,
  signal: AbortSignal | undefined,
  work: (feed: Feed, fetched: () => void) => Promise<void>,
): Promise<void> {
  const pending = [...queue];
  const busyHosts = new Set<string>();
  const running = new Set<Promise<void>>();
  let fetching = 0;
  let wake = () => {};

  const startNext = (): boolean => {
    if (signal?.aborted || fetching >= limits.fetching || running.size >= limits.inFlight) return false;
    const index = pending.findIndex((feed) => !busyHosts.has(hostOf(feed.url)));
    if (index === -1) return false;
    const [feed] = pending.splice(index, 1);
    const host = hostOf(feed.url);
    busyHosts.add(host);
    fetching++;
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      busyHosts.delete(host);
      fetching--;
      wake();
    };
    const task = work(feed, release).finally(() => {
      release();
      running.delete(task);
      wake();
    });
    running.add(task);
    return true;
  };

  while (pending.length > 0 || running.size > 0) {
    while (startNext()) {
      /* keep filling free slots */
    }
    if (running.size === 0) break; // aborted, or nothing startable
    // Woken when a feed lets go of its slot or finishes (a rejected task rejects the run, as before).
    await Promise.race([new Promise<void>((resolve) => (wake = resolve)), ...running]);
  }
}
