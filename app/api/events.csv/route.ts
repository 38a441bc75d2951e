import { getDb } from '../../../db';
import { getGazetteerFor } from '../../../lib/tagging/tagger-instance';
import { fetchEvents } from '../../../lib/data/events';
import { log } from '../../../lib/log';
import { decodeCursor } from '../../../lib/queries/event-cursor';
import { MAX_LIMIT, safeParseEventFilters, type EventFilters } from '../../../lib/queries/event-filters';
import { csvLine, EVENT_CSV_HEADER, eventCsvRow } from '../../../lib/queries/events-csv';

export const dynamic = 'force-dynamic';

/** Without an explicit `limit`, the export walks every page up to this many rows. */
const CSV_MAX_ROWS = 10_000;

/**
 * GET /api/events.csv: the same filters as /api/events, as a CSV download. With `limit`, one page
 * of that many events (from `cursor`); without, every matching event up to CSV_MAX_ROWS, streamed
 * a page at a time so a large export never sits in memory whole.
 */
export async function GET(request: Request): Promise<Response> {
  const params = new URL(request.url).searchParams;
  const parsed = safeParseEventFilters(params, getGazetteerFor(getDb()));
  if (!parsed.ok) return Response.json({ error: parsed.error.message }, { status: 400 });
  const explicitLimit = params.has('limit') && params.get('limit') !== '';
  const maxRows = explicitLimit ? parsed.filters.limit : CSV_MAX_ROWS;
  let filters: EventFilters = explicitLimit ? parsed.filters : { ...parsed.filters, limit: MAX_LIMIT };
  let written = 0;
  let done = false;
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(csvLine(EVENT_CSV_HEADER)));
    },
    async pull(controller) {
      if (done) return controller.close();
      try {
        const page = await fetchEvents({ ...filters, limit: Math.min(filters.limit, maxRows - written) });
        controller.enqueue(encoder.encode(page.events.map(eventCsvRow).join('')));
        written += page.events.length;
        done = !page.nextCursor || written >= maxRows;
        if (!done) filters = { ...filters, cursor: decodeCursor(page.nextCursor!, filters.sort) };
      } catch (err) {
        log.error({ err, route: '/api/events.csv' }, 'events export failed');
        controller.error(err);
      }
    },
  });
  const day = new Date().toISOString().slice(0, 10);
  return new Response(body, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="chipwatch-events-${day}.csv"`,
      'Cache-Control': 'no-store',
      'X-Row-Limit': String(maxRows),
    },
  });
}
