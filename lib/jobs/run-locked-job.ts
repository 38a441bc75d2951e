import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db';
import { jobRuns } from '../../db/schema';
import { acquireJobLock, LOCK_TTL_MS } from './job-lock';
import { startJobRun } from './job-runs';

export interface JobOutcome<T> {
  result: T;
  counts: Record<string, number>;
  /** Set when the run did its work but something in it failed (shown on /status). */
  error?: string;
}

/**
 * Runs a job under its database lock (so it never runs twice at once, in this process or another)
 * and records the run in job_runs: start, end, status, counts and error. A run stopped by `signal`
 * is recorded as abandoned. Throws LockHeldError when another run holds the lock.
 */
export async function runLockedJob<T>(db: Db, name: string, work: () => Promise<JobOutcome<T>>, options: { signal?: AbortSignal; ttlMs?: number } = {}): Promise<T> {
  const lock = acquireJobLock(db, name, options.ttlMs ?? LOCK_TTL_MS);
  // Refreshed well inside the TTL, so a long run keeps its lock while a dead one loses it.
  const heartbeat = setInterval(() => lock.refresh(), Math.max(1_000, Math.floor((options.ttlMs ?? LOCK_TTL_MS) / 4)));
  heartbeat.unref();
  try {
    // A run still marked running was left by a process that died: we hold the lock now.
    db.update(jobRuns)
      .set({ status: 'abandoned', finishedAt: new Date(), error: 'process ended before the run finished' })
      .where(and(eq(jobRuns.job, name), eq(jobRuns.status, 'running')))
      .run();
    const finish = startJobRun(db, name);
    try {
      const outcome = await work();
      if (options.signal?.aborted) finish('abandoned', outcome.counts, 'stopped by shutdown before the run finished');
      else finish(outcome.error ? 'error' : 'ok', outcome.counts, outcome.error);
      return outcome.result;
    } catch (err) {
      finish('error', {}, err instanceof Error ? err.message : String(err));
      throw err;
    }
  } finally {
    clearInterval(heartbeat);
    lock.release();
  }
}
