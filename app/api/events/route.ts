import { getDb } from '../../../db';
import { getGazetteerFor } from '../../../lib/tagging/tagger-instance';
import { fetchEvents } from '../../../lib/data/events';
import { log } from '../../../lib/log';
import { toApiEvent } from '../../../lib/queries/api-events';
import { safeParseEventFilters } from '../../../lib/queries/event-filters';

// Reads the database on every request; nothing here may be cached at build time.
export const dynamic = 'force-dynamic';

/**
 * GET /api/events?company=&country=&region=&type=&minSeverity=&from=&to=&q=&relevant=all&sort=&limit=&cursor=
 * → {events: [...], nextCursor}; an invalid parameter → 400 {error}. See lib/queries/event-filters.ts.
 */
export async function GET(request: Request): Promise<Response> {
  const parsed = safeParseEventFilters(new URL(request.url).searchParams, getGazetteerFor(getDb()));
  if (!parsed.ok) return Response.json({ error: parsed.error.message }, { status: 400, headers: NO_STORE });
  try {
    const page = await fetchEvents(parsed.filters);
    return Response.json({ events: page.events.map(toApiEvent), nextCursor: page.nextCursor }, { headers: NO_STORE });
  } catch (err) {
    log.error({ err, route: '/api/events' }, 'events query failed');
    return Response.json({ error: 'the events query failed; see the server log' }, { status: 500, headers: NO_STORE });
  }
}

const NO_STORE = { 'Cache-Control': 'no-store' };
