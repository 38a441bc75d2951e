import { getDb } from '../../../db';
import { getGazetteerFor } from '../../../lib/tagging/tagger-instance';
import { log } from '../../../lib/log';
import { safeParseEventFilters } from '../../../lib/queries/event-filters';
import { csvLine, EVENT_CSV_HEADER } from '../../../lib/queries/events-csv';
import { exportEvents } from '../../../lib/queries/export-events';

export const dynamic = 'force-dynamic';

/** Without an explicit `limit`, the export holds every matching event up to this many. */
const CSV_MAX_ROWS = 10_000;

/**
 * GET /api/events.csv: the same filters as /api/events, as a CSV download. With `limit`, that many
 * events (from `cursor`); without, every matching event up to CSV_MAX_ROWS. Nothing is dropped
 * silently: X-Row-Count says how many rows the file has, and when more events matched than the
 * cap, X-Truncated is "true" and X-Next-Cursor is the `cursor` that continues after the last row.
 * The events are read in one query and their details and lines produced a batch at a time as the
 * body streams (lib/queries/export-events.ts).
 */
export async function GET(request: Request): Promise<Response> {
  const params = new URL(request.url).searchParams;
  const db = getDb();
  const parsed = safeParseEventFilters(params, getGazetteerFor(db));
  if (!parsed.ok) return Response.json({ error: parsed.error.message }, { status: 400 });
  const explicitLimit = params.has('limit') && params.get('limit') !== '';
  const maxRows = explicitLimit ? parsed.filters.limit : CSV_MAX_ROWS;
  let exported: ReturnType<typeof exportEvents>;
  try {
    exported = exportEvents(db, parsed.filters, maxRows);
  } catch (err) {
    log.error({ err, route: '/api/events.csv' }, 'events export failed');
    return Response.json({ error: 'internal error' }, { status: 500 });
  }
  const lines = exported.batches();
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(csvLine(EVENT_CSV_HEADER)));
    },
    pull(controller) {
      try {
        const next = lines.next();
        if (next.done) controller.close();
        else controller.enqueue(encoder.encode(next.value));
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
      'X-Row-Count': String(exported.rows),
      'X-Truncated': String(exported.truncated),
      ...(exported.nextCursor ? { 'X-Next-Cursor': exported.nextCursor } : {}),
    },
  });
}
