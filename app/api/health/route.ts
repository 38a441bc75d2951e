import { fetchHealth } from '../../../lib/data/health';
import { log } from '../../../lib/log';

export const dynamic = 'force-dynamic';

/**
 * GET /api/health: 200 {ok: true, database: 'ok', time, latestItemAt, lastIngest} when the database
 * answers and is migrated; 503 {ok: false, database: 'error'} when it does not (the reason goes to
 * the log, not to whoever is probing). For uptime checks and load balancers; never cached.
 */
export async function GET(): Promise<Response> {
  const headers = { 'Cache-Control': 'no-store' };
  try {
    const health = await fetchHealth();
    return Response.json({ ok: true, database: 'ok', time: new Date().toISOString(), ...health }, { headers });
  } catch (err) {
    log.error({ err, route: '/api/health' }, 'health check failed');
    return Response.json({ ok: false, database: 'error', error: 'the database did not answer; see the server log' }, { status: 503, headers });
  }
}
