import type { Db } from '../../db';
import { getGazetteer } from '../tagging/gazetteer';
import type { CursorKey } from './event-cursor';
import type { EventFilters } from './event-filters';
import { choosePlan, chooseRelevancePlan, type Filter, type Plan } from './event-plan';

/*
 * The SQL behind searchEvents.
 *
 * An event is a story cluster, listed as its first report (the item whose id is the cluster id;
 * with irrelevant items included, each of those is its own event). Its companies and countries
 * are the union over the cluster after analysts' corrections, read from exposure_event_entities,
 * which the exposure update keeps in step after every ingest and correction: the same entities
 * the scores use, so this list and a company's page agree. Irrelevant items have no event row and
 * use their own effective tags. The full-text query matches the first report's title and summary,
 * the text the explorer shows and highlights.
 *
 * event-plan.ts decides which filter drives; every other filter becomes a check on one event.
 * Checks are `EXISTS (... LIMIT 1)`: the LIMIT keeps SQLite from turning them into joins it may
 * reorder, so they run in the order written, cheapest first and the full-text check last.
 */

const DAY_MS = 86_400_000;

interface Clause {
  sql: string;
  params: unknown[];
}

export interface EventQuery {
  /** Null when a filter has no match at all: the page is empty. */
  sql: string | null;
  params: unknown[];
  /** How to count every match, when that is cheap (the query is driven by a selective filter). */
  countSql: string | null;
  countParams: unknown[];
  plan: Plan;
}

export function buildEventQuery(db: Db, f: EventFilters, limit: number): EventQuery {
  const selective: Filter[] = [];
  if (f.companies.length) selective.push({ kind: 'tags', tagKind: 'company', values: f.companies });
  if (f.countries.length) selective.push({ kind: 'tags', tagKind: 'country', values: f.countries });
  if (f.region) selective.push({ kind: 'tags', tagKind: 'country', values: getGazetteer().regions.find((r) => r.id === f.region)!.countries });
  const fts = f.ftsQuery ? ({ kind: 'fts', query: f.ftsQuery, terms: f.ftsQuery.match(/"(?:[^"]|"")*"/g)?.length ?? 1 } as const) : null;
  if (fts) selective.push(fts);

  const relevance = f.sort === 'relevance' && fts !== null;
  const plan = relevance ? chooseRelevancePlan(db, selective, f.relevantOnly) : choosePlan(db, selective, f.relevantOnly, limit);
  if (plan.empty) return { sql: null, params: [], countSql: null, countParams: [], plan };

  const where: Clause[] = [representative(f.relevantOnly)];
  if (f.from) where.push({ sql: 'r.published_at >= ?', params: [Date.parse(`${f.from}T00:00:00Z`)] });
  if (f.to) where.push({ sql: 'r.published_at < ?', params: [Date.parse(`${f.to}T00:00:00Z`) + DAY_MS] });
  if (f.types.length) where.push({ sql: 'r.event_type IN (SELECT value FROM json_each(?))', params: [JSON.stringify(f.types)] });
  if (f.minSeverity !== null) where.push({ sql: 'r.severity >= ?', params: [f.minSeverity] });
  // Driven by a tag filter over events only, the other tag filters are checked on the entities'
  // index before the event's item row is read: the driver's candidates that fail them (micron's
  // events outside China: 3,700 of 6,100) then cost one index probe each instead of a row read.
  const folded = f.relevantOnly && plan.driver?.kind === 'tags' ? selective.filter((s) => s.kind === 'tags' && s !== plan.driver) : [];
  for (const filter of selective) {
    if (filter.kind === 'fts' && relevance) continue; // matched by the FTS join below
    if (folded.includes(filter)) continue; // checked inside the driver's subquery
    where.push(filter === plan.driver ? drivenBy(filter, f.relevantOnly, folded) : checkFor(filter, f.relevantOnly, plan.ftsAsSet));
  }

  // Relevance ranks by bm25, a title match counting four times a summary match. CROSS JOIN keeps
  // the matches as the outer loop (see chooseRelevancePlan).
  let from = 'items r';
  let rank = 'NULL';
  if (relevance) {
    from = 'items_fts CROSS JOIN items r ON r.id = items_fts.rowid';
    rank = 'bm25(items_fts, 4.0, 1.0)';
    where.unshift({ sql: 'items_fts MATCH ?', params: [fts.query] });
  }

  const filterWhere = where.map((c) => c.sql).join('\n  AND ');
  const filterParams = where.flatMap((c) => c.params);
  const cursor = f.cursor ? cursorClause(f.cursor, rank) : null;
  const sql = `SELECT r.id, r.title, r.url, r.summary, r.published_at AS publishedAt, r.relevant, r.event_type AS eventType,
    r.severity, r.cluster_id AS clusterId, r.feed_id AS feedId, ${rank} AS rank
FROM ${from}
WHERE ${filterWhere}${cursor ? `\n  AND ${cursor.sql}` : ''}
ORDER BY ${ORDER[f.sort]}
LIMIT ?`;
  // Counting every match costs what listing them in a driven query costs; walking half a million
  // events to count them does not fit in a request.
  const cheapCount = plan.driver !== null;
  return {
    sql,
    params: [...filterParams, ...(cursor?.params ?? []), limit],
    countSql: cheapCount ? `SELECT count(*) AS n FROM ${from} WHERE ${filterWhere}` : null,
    countParams: filterParams,
    plan,
  };
}

const ORDER: Record<EventFilters['sort'], string> = {
  newest: 'r.published_at DESC, r.id DESC',
  oldest: 'r.published_at ASC, r.id ASC',
  // NULL (an untagged item) sorts after every severity in descending order.
  severity: 'r.severity DESC, r.published_at DESC, r.id DESC',
  relevance: 'rank ASC, r.id ASC',
};

function representative(relevantOnly: boolean): Clause {
  return relevantOnly
    ? { sql: 'r.cluster_id = r.id AND r.relevant = 1', params: [] }
    : { sql: '(r.cluster_id = r.id OR r.cluster_id IS NULL)', params: [] };
}

/** The filter's matching event ids, read from an index: the rows the query starts from. */
function drivenBy(filter: Filter, relevantOnly: boolean, alsoTagged: Filter[] = []): Clause {
  if (filter.kind === 'fts') return { sql: 'r.id IN (SELECT rowid FROM items_fts WHERE items_fts MATCH ?)', params: [filter.query] };
  const values = JSON.stringify(filter.values);
  const events = 'SELECT e.event_id FROM exposure_event_entities e WHERE e.kind = ? AND e.value IN (SELECT value FROM json_each(?))';
  if (relevantOnly) {
    const checks = alsoTagged.map((other) => {
      if (other.kind !== 'tags') throw new Error('only tag filters are checked on the entities');
      return {
        sql: 'EXISTS (SELECT 1 FROM exposure_event_entities x WHERE x.event_id = e.event_id AND x.kind = ? AND x.value IN (SELECT value FROM json_each(?)) LIMIT 1)',
        params: [other.tagKind, JSON.stringify(other.values)],
      };
    });
    return { sql: `r.id IN (${[events, ...checks.map((c) => c.sql)].join(' AND ')})`, params: [filter.tagKind, values, ...checks.flatMap((c) => c.params)] };
  }
  // An irrelevant item is its own event; a relevant first report's own tags are part of its event's anyway.
  const own = 'SELECT t.item_id FROM effective_item_tags t WHERE t.kind = ? AND t.value IN (SELECT value FROM json_each(?))';
  return { sql: `r.id IN (${events} UNION ALL ${own})`, params: [filter.tagKind, values, filter.tagKind, values] };
}

/** The filter as a check on one event (a few index probes), for events reached some other way. */
function checkFor(filter: Filter, relevantOnly: boolean, ftsAsSet: boolean): Clause {
  if (filter.kind === 'fts') {
    // Few matches: a set built once and probed (the unary + stops SQLite driving from it).
    if (ftsAsSet) return { sql: '+r.id IN (SELECT rowid FROM items_fts WHERE items_fts MATCH ?)', params: [filter.query] };
    return { sql: 'EXISTS (SELECT 1 FROM items_fts WHERE items_fts MATCH ? AND items_fts.rowid = r.id LIMIT 1)', params: [filter.query] };
  }
  const values = JSON.stringify(filter.values);
  const event = 'EXISTS (SELECT 1 FROM exposure_event_entities e WHERE e.event_id = r.id AND e.kind = ? AND e.value IN (SELECT value FROM json_each(?)) LIMIT 1)';
  if (relevantOnly) return { sql: event, params: [filter.tagKind, values] };
  const own = `(r.cluster_id IS NULL AND EXISTS (SELECT 1 FROM effective_item_tags t WHERE t.item_id = r.id AND t.kind = ? AND t.value IN (SELECT value FROM json_each(?)) LIMIT 1))`;
  return { sql: `(${event} OR ${own})`, params: [filter.tagKind, values, filter.tagKind, values] };
}

/** Rows strictly after the cursor in the sort order. */
function cursorClause(c: CursorKey, rank: string): Clause {
  switch (c.sort) {
    case 'newest':
      // The first term lets SQLite use the published_at index as a range; the second breaks ties.
      return { sql: 'r.published_at <= ? AND (r.published_at < ? OR r.id < ?)', params: [c.publishedAt, c.publishedAt, c.id] };
    case 'oldest':
      return { sql: 'r.published_at >= ? AND (r.published_at > ? OR r.id > ?)', params: [c.publishedAt, c.publishedAt, c.id] };
    case 'severity': {
      const later = '(r.published_at < ? OR (r.published_at = ? AND r.id < ?))';
      if (c.severity === null) return { sql: `r.severity IS NULL AND ${later}`, params: [c.publishedAt, c.publishedAt, c.id] };
      return { sql: `(r.severity < ? OR r.severity IS NULL OR (r.severity = ? AND ${later}))`, params: [c.severity, c.severity, c.publishedAt, c.publishedAt, c.id] };
    }
    case 'relevance':
      return { sql: `(${rank} > ? OR (${rank} = ? AND r.id > ?))`, params: [c.rank, c.rank, c.id] };
  }
}
