import { and, desc, eq } from 'drizzle-orm';
import { prepared, type Db } from '../../db';
import { jobRuns } from '../../db/schema';
import { acquireJobLock } from '../jobs/job-lock';
import { startJobRun } from '../jobs/job-runs';
import { rebuildExposure, updateExposure, type ExposureUpdate } from './update-exposure';

// Items tagged shortly before the last run started may have committed after it read them.
const OVERLAP_MS = 10 * 60 * 1000;

/**
 * The exposure job, run after each ingest and once a day: re-derives the events whose items were
 * tagged since the last successful run (and drops events whose cluster is gone), then brings every
 * series up to today. The first run, or one after a failed run history, rebuilds everything.
 * Holds the "exposure" lock so two processes never compute at once; records a job run.
 */
export function refreshExposure(db: Db, now = new Date()): ExposureUpdate & { mode: 'update' | 'rebuild' } {
  const lock = acquireJobLock(db, 'exposure', 30 * 60 * 1000);
  const finish = startJobRun(db, 'exposure', now);
  try {
    const last = db
      .select({ startedAt: jobRuns.startedAt })
      .from(jobRuns)
      .where(and(eq(jobRuns.job, 'exposure'), eq(jobRuns.status, 'ok')))
      .orderBy(desc(jobRuns.startedAt))
      .limit(1)
      .get();
    let result: ExposureUpdate & { mode: 'update' | 'rebuild' };
    if (!last) result = { ...rebuildExposure(db, now), mode: 'rebuild' };
    else {
      const since = last.startedAt.getTime() - OVERLAP_MS;
      const changed = prepared(db, 'SELECT DISTINCT cluster_id AS id FROM items WHERE tagged_at >= ? AND cluster_id IS NOT NULL').all(since) as { id: number }[];
      const orphans = prepared(
        db,
        'SELECT id FROM exposure_events e WHERE NOT EXISTS (SELECT 1 FROM items i WHERE i.cluster_id = e.id AND i.relevant = 1)',
      ).all() as { id: number }[];
      result = { ...updateExposure(db, [...changed, ...orphans].map((r) => r.id), now), mode: 'update' };
    }
    finish('ok', { events: result.events, companies: result.companies, countries: result.countries, rowsWritten: result.rowsWritten });
    return result;
  } catch (err) {
    finish('error', {}, err instanceof Error ? err.message : String(err));
    throw err;
  } finally {
    lock.release();
  }
}
