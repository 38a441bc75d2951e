import { prepared, type Db } from '../../db';
import { encodeCursor } from './event-cursor';
import { csvDetails, feedTitles } from './event-csv-details';
import type { EventFilters } from './event-filters';
import { buildEventQuery } from './event-sql';
import { eventCsvRow } from './events-csv';
import { cursorOf, type EventQueryRow } from './search-events';

/** Rows of one details lookup: the sources and tags of this many events are read at once. */
const BATCH = 1000;

export interface EventExport {
  /** How many events the export holds. */
  rows: number;
  /** True when more events match than `maxRows`: the export stops there. */
  truncated: boolean;
  /** With truncated: pass as `cursor` (same filters) for the events after the last one exported. */
  nextCursor: string | null;
  /** The CSV lines of the events, a batch at a time, for streaming. */
  batches: () => Generator<string>;
}

/**
 * Every matching event up to `maxRows`, for the CSV export: the events in one query (the
 * explorer's, with the limit raised) instead of a keyset page of 200 at a time, each page re-planned
 * and re-run; then their sources and tags a thousand at a time, formatted as they stream out.
 * One more row than the cap is read, so a cut-off export can say so and where to go on from.
 */
export function exportEvents(db: Db, filters: EventFilters, maxRows: number): EventExport {
  const query = buildEventQuery(db, filters, maxRows + 1);
  if (query.sql === null) return { rows: 0, truncated: false, nextCursor: null, batches: function* () {} };
  const all = prepared(db, query.sql).all(...query.params) as EventQueryRow[];
  const truncated = all.length > maxRows;
  const rows = truncated ? all.slice(0, maxRows) : all;
  return {
    rows: rows.length,
    truncated,
    nextCursor: truncated ? encodeCursor(cursorOf(rows.at(-1)!, filters.sort)) : null,
    batches: function* () {
      const titles = feedTitles(db);
      for (let start = 0; start < rows.length; start += BATCH) {
        const batch = rows.slice(start, start + BATCH);
        const details = csvDetails(db, batch.map((r) => ({ id: r.id, clustered: r.clusterId !== null, feedId: r.feedId, publishedAt: r.publishedAt })), titles);
        let lines = '';
        for (const r of batch) {
          const d = details.get(r.id)!;
          lines += eventCsvRow({
            id: r.id,
            publishedAt: new Date(r.publishedAt).toISOString(),
            title: r.title,
            url: r.url,
            eventType: r.eventType,
            severity: r.severity,
            companies: d.companies,
            countries: d.countries,
            sources: d.sources,
            summary: r.summary,
          });
        }
        yield lines;
      }
    },
  };
}
