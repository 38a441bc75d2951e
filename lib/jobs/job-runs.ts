import { eq } from 'drizzle-orm';
import type { Db } from '../../db';
import { jobRuns, type JobRunStatus } from '../../db/schema';

/** Opens a job-runs row; the returned function closes it with the outcome. */
export function startJobRun(db: Db, job: string, startedAt = new Date()) {
  const row = db.insert(jobRuns).values({ job, startedAt, status: 'running' }).returning({ id: jobRuns.id }).get();
  return function finishJobRun(status: Exclude<JobRunStatus, 'running'>, counts: Record<string, number>, error?: string) {
    db.update(jobRuns)
      .set({ status, counts, error: error ?? null, finishedAt: new Date() })
      .where(eq(jobRuns.id, row.id))
      .run();
  };
}
