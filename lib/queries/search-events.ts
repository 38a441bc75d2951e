import { prepared, type Db } from '../../db';
import { encodeCursor, type CursorKey } from './event-cursor';
import { eventDetails, type EventSource, type EventTag } from './event-details';
import type { EventFilters } from './event-filters';
import { buildEventQuery } from './event-sql';

export interface EventRow {
  /** The event's id: its story cluster's id, which is the id of the cluster's first report. */
  id: number;
  title: string;
  url: string | null;
  summary: string;
  publishedAt: string;
  countries: string[];
  companies: { id: string; name: string }[];
  eventType: string | null;
  severity: number | null;
  relevant: boolean | null;
  /** Every report in the story cluster, oldest first: the feeds that carried it. */
  sources: EventSource[];
  /** Companies and countries with the text that matched and where, for display and correction. */
  tags: EventTag[];
  /** With a full-text query: title and summary excerpt with matches between MARK_OPEN and MARK_CLOSE (lib/queries/highlight.ts). */
  highlights?: { title: string; summary: string };
}

export interface EventPage {
  events: EventRow[];
  /** Pass back as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
  /** The number of matching events when counting is cheap (a selective filter), else null. */
  total: number | null;
}

/** A row of the explorer's event query (event-sql.ts). */
export interface EventQueryRow {
  id: number;
  title: string;
  url: string | null;
  summary: string;
  publishedAt: number;
  relevant: number | null;
  eventType: string | null;
  severity: number | null;
  clusterId: number | null;
  feedId: number;
  rank: number | null;
}

/**
 * Events (story clusters, listed once however many feeds carried them) matching the explorer's
 * filters, one keyset page at a time. See event-sql.ts for how the query is shaped.
 */
export function searchEvents(db: Db, filters: EventFilters, options: { withTotal?: boolean } = {}): EventPage {
  const query = buildEventQuery(db, filters, filters.limit + 1);
  if (query.sql === null) return { events: [], nextCursor: null, total: 0 };
  const rows = prepared(db, query.sql).all(...query.params) as EventQueryRow[];
  const more = rows.length > filters.limit;
  const page = more ? rows.slice(0, filters.limit) : rows;
  const details = eventDetails(
    db,
    page.map((r) => ({ id: r.id, clustered: r.clusterId !== null })),
    filters.ftsQuery,
  );
  const events = page.map((r): EventRow => {
    const d = details.get(r.id)!;
    return {
      id: r.id,
      title: r.title,
      url: r.url,
      summary: r.summary,
      publishedAt: new Date(r.publishedAt).toISOString(),
      countries: d.tags.filter((t) => t.kind === 'country').map((t) => t.value),
      companies: d.tags.filter((t) => t.kind === 'company').map((t) => ({ id: t.value, name: t.name })),
      eventType: r.eventType,
      severity: r.severity,
      relevant: r.relevant === null ? null : r.relevant === 1,
      sources: d.sources,
      tags: d.tags,
      ...(d.highlights ? { highlights: d.highlights } : {}),
    };
  });
  let total: number | null = null;
  if (!filters.cursor && !more) total = page.length;
  else if (options.withTotal && query.countSql) total = (prepared(db, query.countSql).get(...query.countParams) as { n: number }).n;
  return { events, nextCursor: more ? encodeCursor(cursorOf(page.at(-1)!, filters.sort)) : null, total };
}

export function cursorOf(row: EventQueryRow, sort: EventFilters['sort']): CursorKey {
  switch (sort) {
    case 'severity':
      return { sort, severity: row.severity, publishedAt: row.publishedAt, id: row.id };
    case 'relevance':
      return { sort, rank: row.rank ?? 0, id: row.id };
    default:
      return { sort, publishedAt: row.publishedAt, id: row.id };
  }
}
