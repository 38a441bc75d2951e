import { prepared, type Db } from '../../db';
import type { TagKind, TagSource } from '../../db/schema';
import type { Gazetteer } from '../tagging/gazetteer';
import { getGazetteerFor } from '../tagging/tagger-instance';
import { MARK_CLOSE, MARK_OPEN } from './highlight';

export interface EventSource {
  itemId: number;
  feedId: number;
  feedTitle: string | null;
  url: string | null;
  title: string;
}

export interface EventTag {
  kind: TagKind;
  value: string;
  /** Company name or country name from the gazetteer. */
  name: string;
  /** How the shown match came about: the tagger (with the text it matched and where) or an analyst. */
  source: TagSource;
  matchedText: string | null;
  field: 'title' | 'summary' | null;
  /** The cluster's items that carry the tag: a removal applies to all of them. */
  itemIds: number[];
}

export interface EventDetails {
  sources: EventSource[];
  tags: EventTag[];
  highlights?: { title: string; summary: string };
}

const MEMBERS_SQL = `SELECT i.id AS itemId, coalesce(i.cluster_id, i.id) AS eventId, i.feed_id AS feedId, f.title AS feedTitle,
    i.url, i.title, i.published_at AS publishedAt
  FROM items i JOIN feeds f ON f.id = i.feed_id
  WHERE i.cluster_id IN (SELECT value FROM json_each(?))
  UNION ALL
  SELECT i.id, i.id, i.feed_id, f.title, i.url, i.title, i.published_at
  FROM items i JOIN feeds f ON f.id = i.feed_id
  WHERE i.id IN (SELECT value FROM json_each(?)) AND i.cluster_id IS NULL
  ORDER BY publishedAt, itemId`;

// The view decides which tags count; item_tags adds the text that matched (the view leaves it out).
const TAGS_SQL = `SELECT e.item_id AS itemId, e.kind, e.value, e.source, e.field, t.matched_text AS matchedText
  FROM effective_item_tags e
  JOIN item_tags t ON t.item_id = e.item_id AND t.kind = e.kind AND t.value = e.value AND t.source = e.source
  WHERE e.item_id IN (SELECT value FROM json_each(?))`;

// One call per shown event: FTS5 finds a single row of a MATCH by rowid without reading the others.
// The CAST matters: better-sqlite3 binds JS numbers as REAL, and FTS5 silently ignores a rowid
// constraint that is not an INTEGER (and tells SQLite not to re-check it), returning every match.
const HIGHLIGHT_SQL = `SELECT highlight(items_fts, 0, '${MARK_OPEN}', '${MARK_CLOSE}') AS title,
    snippet(items_fts, 1, '${MARK_OPEN}', '${MARK_CLOSE}', '…', 40) AS summary
  FROM items_fts WHERE items_fts MATCH ? AND rowid = CAST(? AS INTEGER)`;

interface MemberRow extends EventSource {
  eventId: number;
}

interface TagRow {
  itemId: number;
  kind: TagKind;
  value: string;
  source: TagSource;
  field: 'title' | 'summary' | null;
  matchedText: string | null;
}

/** Sources, tags and (with a full-text query) highlights for one page of events. */
export function eventDetails(db: Db, events: { id: number; clustered: boolean }[], ftsQuery: string | null): Map<number, EventDetails> {
  const gazetteer = getGazetteerFor(db);
  const result = new Map<number, EventDetails>(events.map((e) => [e.id, { sources: [], tags: [] }]));
  if (events.length === 0) return result;
  const clustered = JSON.stringify(events.filter((e) => e.clustered).map((e) => e.id));
  const single = JSON.stringify(events.filter((e) => !e.clustered).map((e) => e.id));
  const members = prepared(db, MEMBERS_SQL).all(clustered, single) as (MemberRow & { publishedAt: number })[];
  const eventOf = new Map<number, number>();
  for (const { eventId, publishedAt: _publishedAt, ...source } of members) {
    eventOf.set(source.itemId, eventId);
    result.get(eventId)?.sources.push(source);
  }

  const tagRows = prepared(db, TAGS_SQL).all(JSON.stringify([...eventOf.keys()])) as TagRow[];
  const byEvent = new Map<number, Map<string, { tag: EventTag; rank: number }>>();
  for (const row of tagRows) {
    const eventId = eventOf.get(row.itemId)!;
    let tags = byEvent.get(eventId);
    if (!tags) byEvent.set(eventId, (tags = new Map()));
    const key = `${row.kind}:${row.value}`;
    // The match shown is the first report's own when it has one, and the tagger's before an analyst's.
    const rank = (row.itemId === eventId ? 0 : 2) + (row.source === 'auto' ? 0 : 1);
    const seen = tags.get(key);
    if (seen) {
      if (!seen.tag.itemIds.includes(row.itemId)) seen.tag.itemIds.push(row.itemId);
      if (rank < seen.rank) Object.assign(seen, { rank, tag: { ...seen.tag, source: row.source, field: row.field, matchedText: row.matchedText } });
      continue;
    }
    tags.set(key, {
      rank,
      tag: { kind: row.kind, value: row.value, name: nameOf(gazetteer, row.kind, row.value), source: row.source, field: row.field, matchedText: row.matchedText, itemIds: [row.itemId] },
    });
  }
  for (const [eventId, tags] of byEvent) result.get(eventId)!.tags = [...tags.values()].map((t) => t.tag).sort(byKindThenName);

  if (ftsQuery) {
    const stmt = prepared(db, HIGHLIGHT_SQL);
    for (const e of events) {
      const h = stmt.get(ftsQuery, e.id) as { title: string; summary: string } | undefined;
      if (h) result.get(e.id)!.highlights = h;
    }
  }
  return result;
}

function nameOf(g: Gazetteer, kind: TagKind, value: string): string {
  return (kind === 'company' ? g.companyById.get(value)?.name : g.countryByCode.get(value)?.name) ?? value;
}

function byKindThenName(a: EventTag, b: EventTag): number {
  return a.kind === b.kind ? a.name.localeCompare(b.name) : a.kind === 'company' ? -1 : 1;
}
