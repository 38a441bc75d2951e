import 'server-only';
import { getDb, prepared } from '../../db';

/** Two indexed reads: proves the database opens, is migrated, and says how fresh it is. */
export async function fetchHealth() {
  const db = getDb();
  const latest = prepared(db, 'SELECT max(published_at) AS at FROM items').get() as { at: number | null };
  const lastIngest = prepared(db, "SELECT started_at AS startedAt, status FROM job_runs WHERE job = 'ingest' ORDER BY started_at DESC LIMIT 1").get() as
    | { startedAt: number; status: string }
    | undefined;
  return {
    latestItemAt: latest.at === null ? null : new Date(latest.at).toISOString(),
    lastIngest: lastIngest ? { startedAt: new Date(lastIngest.startedAt).toISOString(), status: lastIngest.status } : null,
  };
}
