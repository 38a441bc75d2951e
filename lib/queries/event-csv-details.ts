import { prepared, type Db } from '../../db';
import type { Gazetteer } from '../tagging/gazetteer';
import { getGazetteerFor } from '../tagging/tagger-instance';

/*
 * The companies, countries and sources columns of the CSV export: what eventDetails
 * (event-details.ts) gives the explorer, reduced to what the CSV prints and read in one statement
 * per batch instead of two.
 *
 * Same sources of truth as the explorer, so the file and the page agree: an event's reports are
 * its cluster's items (an item outside any cluster is its own event), its tags the union of their
 * effective tags, the effective_item_tags rule (a row not marked removed, unless an analyst's
 * removal of the same value on the same item hides it) applied here to item_tags rows read on
 * their (item_id, …) key. The view probes that key once more per tag to look for a removal, and
 * the explorer's join back for the matched text once more again, which is most of what this saves.
 * Not from exposure_event_entities, cheaper still: the exposure job fills it after ingest, so a
 * report stored since its last run would be missing from it, and removing a feed leaves the
 * removed reports' tags there until a rebuild.
 *
 * Same order too: sources oldest report first (then by item id), companies and countries by
 * gazetteer name.
 */
export interface CsvDetails {
  /** Company ids, space-separated. */
  companies: string;
  /** Country codes, space-separated. */
  countries: string;
  /** Feed titles (the feed id when it has none), " | "-separated. */
  sources: string;
}

/** An event as the export has it: its first report's id, feed and time, and whether it is a cluster. */
export interface CsvEventRef {
  id: number;
  clustered: boolean;
  feedId: number;
  publishedAt: number;
}

// Per report, each of its tag rows (or one row of NULLs when it has none), all of a batch's rows as
// one JSON array: JSON.parse builds them faster than the driver builds as many row objects. For
// the event's own report the code uses the feed and time the event query read. `company` is 1 for
// a company, 0 for a country; `state` 1 for a row that counts, 2 for an analyst's removal (it hides
// the value on that report), 0 for another removed row (and for the NULL row of a report without
// tags).
// Every column comes from an index, never from a table row: a report's feed and time from
// items_cluster_idx, its tags from item_tags_unique, and whether a tag is removed from a probe of
// item_tags_removed_idx, which holds only removed rows. INDEXED BY because the planner would probe
// item_tags_unique instead, and then read each tag's row for `removed`. On the bench's 2,395-event
// export (9,312 tag rows) the details took ~20 ms reading rows, ~11 ms from the indexes alone.
const TAG_COLUMNS = `t.kind = 'company', t.value, CASE
    WHEN t.item_id IS NULL THEN 0
    WHEN NOT EXISTS (SELECT 1 FROM item_tags x INDEXED BY item_tags_removed_idx
      WHERE x.item_id = t.item_id AND x.kind = t.kind AND x.value = t.value AND x.source = t.source AND x.removed = 1) THEN 1
    WHEN t.source = 'manual' THEN 2 ELSE 0 END`;
/** Exported for the test that pins its query plan (tests/integration/events-csv.test.ts). */
export const CLUSTER_TAGS_SQL = `SELECT json_group_array(json_array(i.cluster_id, i.id, i.feed_id, i.published_at, ${TAG_COLUMNS}))
  FROM items i LEFT JOIN item_tags t ON t.item_id = i.id
  WHERE i.cluster_id IN (SELECT value FROM json_each(?))`;
export const SINGLE_TAGS_SQL = `SELECT json_group_array(json_array(t.item_id, t.item_id, NULL, NULL, ${TAG_COLUMNS}))
  FROM item_tags t WHERE t.item_id IN (SELECT value FROM json_each(?))`;

type Row = [eventId: number, itemId: number, feedId: number | null, publishedAt: number | null, company: 0 | 1 | null, value: string | null, state: 0 | 1 | 2 | null];
const ITEM = 1;
const FEED = 2;
const AT = 3;
const COMPANY = 4;
const VALUE = 5;
const STATE = 6;

interface Shown {
  company: boolean;
  value: string;
  name: string;
  /** The lowest id among the reports carrying it: where the explorer meets it first. */
  firstItem: number;
}

/** The CSV's detail columns for these events, by event id. `feedTitles` from feedTitles(). */
export function csvDetails(db: Db, events: CsvEventRef[], feedTitles: ReadonlyMap<number, string | null>): Map<number, CsvDetails> {
  const gazetteer = getGazetteerFor(db);
  const rowsOf = new Map<number, Row[]>(events.map((e) => [e.id, []]));
  const read = (sql: string, ids: number[]) => {
    if (ids.length === 0) return;
    for (const row of JSON.parse(prepared(db, sql).pluck().get(JSON.stringify(ids)) as string) as Row[]) rowsOf.get(row[0])!.push(row);
  };
  read(CLUSTER_TAGS_SQL, events.filter((e) => e.clustered).map((e) => e.id));
  read(SINGLE_TAGS_SQL, events.filter((e) => !e.clustered).map((e) => e.id));

  const out = new Map<number, CsvDetails>();
  for (const event of events) {
    const rows = rowsOf.get(event.id)!;
    // The event's reports: the first one's feed and time are the event's own (its row came with NULLs).
    // The explorer joins feeds: a report whose feed row is missing is not shown, nor are its tags.
    const reports: { itemId: number; feedId: number; publishedAt: number }[] = [];
    const addReport = (itemId: number, feedId: number, publishedAt: number) => {
      if (feedTitles.has(feedId) && !reports.some((r) => r.itemId === itemId)) reports.push({ itemId, feedId, publishedAt });
    };
    if (!event.clustered) addReport(event.id, event.feedId, event.publishedAt);
    for (const row of rows) {
      if (row[ITEM] === event.id) addReport(event.id, event.feedId, event.publishedAt);
      else addReport(row[ITEM], row[FEED]!, row[AT]!);
    }
    const shown: Shown[] = [];
    for (const row of rows) {
      if (row[STATE] !== 1 || !reports.some((r) => r.itemId === row[ITEM])) continue;
      const company = row[COMPANY] === 1;
      const value = row[VALUE]!;
      if (rows.some((o) => o[STATE] === 2 && o[ITEM] === row[ITEM] && o[COMPANY] === row[COMPANY] && o[VALUE] === value)) continue;
      const seen = shown.find((t) => t.company === company && t.value === value);
      if (seen) seen.firstItem = Math.min(seen.firstItem, row[ITEM]);
      else shown.push({ company, value, name: nameOf(gazetteer, company, value), firstItem: row[ITEM] });
    }
    if (shown.length > 1) shown.sort(byName);
    if (reports.length > 1) reports.sort((a, b) => a.publishedAt - b.publishedAt || a.itemId - b.itemId);
    let companies = '';
    let countries = '';
    for (const t of shown) {
      if (t.company) companies = companies ? `${companies} ${t.value}` : t.value;
      else countries = countries ? `${countries} ${t.value}` : t.value;
    }
    let sources = '';
    for (const r of reports) {
      const title = feedTitles.get(r.feedId) ?? String(r.feedId);
      sources = sources ? `${sources} | ${title}` : title;
    }
    out.set(event.id, { companies, countries, sources });
  }
  return out;
}

/** Every feed's title, for the sources column: a few hundred rows, read once per export. */
export function feedTitles(db: Db): Map<number, string | null> {
  const rows = prepared(db, 'SELECT id, title FROM feeds').all() as { id: number; title: string | null }[];
  return new Map(rows.map((r) => [r.id, r.title]));
}

function nameOf(g: Gazetteer, company: boolean, value: string): string {
  return (company ? g.companyById.get(value)?.name : g.countryByCode.get(value)?.name) ?? value;
}

// The explorer's order (by name with localeCompare); for two values of the same name, the one it
// meets first reading the reports in id order and each report's tags in key order.
function byName(a: Shown, b: Shown): number {
  return a.name.localeCompare(b.name) || a.firstItem - b.firstItem || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0);
}
