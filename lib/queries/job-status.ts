import { desc } from 'drizzle-orm';
import { Cron } from 'croner';
import type { Db } from '../../db';
import { jobLocks, jobRuns } from '../../db/schema';
import type { Config } from '../config';

export interface JobRunRow {
  id: number;
  job: string;
  startedAt: string;
  finishedAt: string | null;
  status: string;
  counts: Record<string, number> | null;
  error: string | null;
  durationMs: number | null;
}

export interface JobScheduleRow {
  job: string;
  env: string;
  cron: string;
  nextRun: string | null;
  /** Held lock: who is running it now. */
  runningSince: string | null;
  holder: string | null;
  last: JobRunRow | null;
}

/** Which env variable schedules which job (the worker reads the same ones). */
const SCHEDULES = [
  { job: 'ingest', env: 'CHIPWATCH_INGEST_CRON' },
  { job: 'exposure', env: 'CHIPWATCH_EXPOSURE_CRON' },
  { job: 'digests', env: 'CHIPWATCH_DIGEST_CRON' },
  { job: 'alerts', env: 'CHIPWATCH_ALERT_CRON' },
] as const;

/** The newest job runs of every job, for /status. */
export function recentJobRuns(db: Db, limit = 50): JobRunRow[] {
  return db
    .select()
    .from(jobRuns)
    .orderBy(desc(jobRuns.startedAt), desc(jobRuns.id))
    .limit(limit)
    .all()
    .map((r) => ({
      id: r.id,
      job: r.job,
      startedAt: r.startedAt.toISOString(),
      finishedAt: r.finishedAt?.toISOString() ?? null,
      status: r.status,
      counts: r.counts,
      error: r.error,
      durationMs: r.finishedAt ? r.finishedAt.getTime() - r.startedAt.getTime() : null,
    }));
}

/** Each scheduled job: its schedule, next run, whether it runs now (its lock is held) and its last run. */
export function jobSchedules(db: Db, config: Config, now = new Date()): JobScheduleRow[] {
  const locks = new Map(db.select().from(jobLocks).all().map((l) => [l.name, l]));
  const runs = recentJobRuns(db, 500);
  return SCHEDULES.map(({ job, env }) => {
    const cron = config[env];
    const lock = locks.get(job);
    const live = lock && lock.expiresAt.getTime() > now.getTime() ? lock : undefined;
    const schedule = new Cron(cron, { paused: true });
    const nextRun = schedule.nextRun(now)?.toISOString() ?? null;
    schedule.stop();
    return {
      job,
      env,
      cron,
      nextRun,
      runningSince: live?.acquiredAt.toISOString() ?? null,
      holder: live ? `pid ${live.pid} on ${live.host}` : null,
      last: runs.find((r) => r.job === job) ?? null,
    };
  });
}
