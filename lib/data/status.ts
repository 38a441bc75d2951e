import 'server-only';
import { getDb } from '../../db';
import { getConfig } from '../config';
import { jobSchedules, recentJobRuns } from '../queries/job-status';

export async function fetchJobStatus() {
  const db = getDb();
  return { schedules: jobSchedules(db, getConfig()), runs: recentJobRuns(db, 50) };
}
