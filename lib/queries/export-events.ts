import type { Statement } from 'better-sqlite3';
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
  const { rows: all, col } = rowsAsArrays(prepared(db, query.sql), query.params);
  const truncated = all.length > maxRows;
  const rows = truncated ? all.slice(0, maxRows) : all;
  const last = rows.at(-1);
  return {
    rows: rows.length,
    truncated,
    nextCursor: truncated && last ? encodeCursor(cursorOf(Object.fromEntries(Object.entries(col).map(([name, i]) => [name, last[i]])) as unknown as EventQueryRow, filters.sort)) : null,
    batches: function* () {
      const titles = feedTitles(db);
      for (let start = 0; start < rows.length; start += BATCH) {
        const batch = rows.slice(start, start + BATCH);
        const details = csvDetails(
          db,
          batch.map((r) => ({ id: r[col.id] as number, clustered: r[col.clusterId] !== null, feedId: r[col.feedId] as number, publishedAt: r[col.publishedAt] as number })),
          titles,
        );
        let lines = '';
        for (const r of batch) {
          const d = details.get(r[col.id] as number)!;
          lines += eventCsvRow({
            id: r[col.id] as number,
            publishedAt: new Date(r[col.publishedAt] as number).toISOString(),
            title: r[col.title] as string,
            url: r[col.url] as string | null,
            eventType: r[col.eventType] as string | null,
            severity: r[col.severity] as number | null,
            companies: d.companies,
            countries: d.countries,
            sources: d.sources,
            summary: r[col.summary] as string,
          });
        }
        yield lines;
      }
    },
  };
}

type Column = keyof EventQueryRow;

/**
 * The event query's rows as arrays, with each column's position: thousands of rows, and the
 * driver builds arrays faster than objects. The statement is the one searchEvents runs (prepared
 * once per connection), so its mode is put back before anything else can use it.
 */
function rowsAsArrays(stmt: Statement, params: unknown[]): { rows: unknown[][]; col: Record<Column, number> } {
  const col = Object.fromEntries(stmt.columns().map((c, i) => [c.name, i])) as Record<Column, number>;
  stmt.raw(true);
  try {
    return { rows: stmt.all(...params) as unknown[][], col };
  } finally {
    stmt.raw(false);
  }
}
