import { prepared, type Db } from '../../db';

/*
 * What drives an events query. SQLite has no statistics here (nothing runs ANALYZE), so it cannot
 * tell "micron" (a few thousand events) from "CN" (a quarter of them); left alone it either sorts
 * every candidate of a common value or walks the whole timeline for a rare one. So this file
 * counts each filter's candidates (bounded, along covering indexes) and picks the cheaper shape:
 *
 *  - driven: start from the matches of the most selective filter, check the others, sort;
 *  - scan: walk events in sort order along an index, checking each until a page is full.
 *
 * Costs are in units of one step along the sort index, measured on a generated database of a
 * million items (docs/benchmarks.md). The estimates treat filters as independent: good enough to
 * tell "a few thousand candidates" from "half the table", which is all the choice needs.
 */
export type Filter = { kind: 'tags'; tagKind: 'company' | 'country'; values: string[] } | { kind: 'fts'; query: string; terms: number };

export interface Plan {
  /** Some filter has no match at all: the answer is empty without running the query. */
  empty: boolean;
  /** The filter whose matches the query starts from, or null to walk the sort index. */
  driver: Filter | null;
  /** Check the full-text query against a set of its matches built once, rather than row by row. */
  ftsAsSet: boolean;
}

// Counting stops here, so a probe costs a few milliseconds however common a value is.
const TAG_PROBE_CAP = 20_000;
// Full-text matches are counted further: the count decides between a set and row-by-row checks.
const FTS_PROBE_CAP = 100_000;
// Checking one driven candidate: a lookup by id, the other filters' index probes, its share of the sort.
const DRIVEN_ROW_COST = 8;
// One FTS5 match check on one row, per word: FTS5 opens every word's doclist again for each call.
const FTS_CHECK_COST = 30;
// Adding one full-text match to the set the checks probe.
const FTS_SET_COST = 0.6;
// A word with more matches than FTS_PROBE_CAP is taken to be in this share of all items.
const COMMON_WORD_SHARE = 0.2;

interface Counted {
  filter: Filter;
  n: number;
  capped: boolean;
}

/** The plan for a listing in time or severity order. */
export function choosePlan(db: Db, filters: Filter[], relevantOnly: boolean, limit: number): Plan {
  if (filters.length === 0) return { empty: false, driver: null, ftsAsSet: false };
  const counted = filters.map((filter) => probe(db, filter, relevantOnly));
  if (counted.some((c) => c.n === 0)) return { empty: true, driver: null, ftsAsSet: false };
  const total = itemCount(db);
  const share = (c: Counted) => (c.capped && c.filter.kind === 'fts' ? COMMON_WORD_SHARE : Math.min(1, c.n / total));
  const tags = counted.filter((c) => c.filter.kind === 'tags');
  const fts = counted.find((c) => c.filter.kind === 'fts');
  const tagShare = tags.reduce((s, c) => s * share(c), 1);
  const ftsRowCost = fts ? FTS_CHECK_COST * (fts.filter as { terms: number }).terms : 0;
  // The cheaper way to check the full-text query on `rows` rows (it runs last, after the tag checks).
  const ftsCheck = (rows: number) => {
    if (!fts) return { cost: 0, asSet: false };
    const perRow = rows * ftsRowCost;
    const asSet = fts.capped ? Infinity : fts.n * FTS_SET_COST;
    return asSet < perRow ? { cost: asSet, asSet: true } : { cost: perRow, asSet: false };
  };

  const scanRows = Math.min(total, limit / (tagShare * (fts ? share(fts) : 1)));
  const scanFts = ftsCheck(scanRows * tagShare);
  let best = { driver: null as Filter | null, cost: scanRows + scanFts.cost, asSet: scanFts.asSet };
  for (const c of counted) {
    if (c.capped) continue;
    if (c.filter.kind === 'fts') {
      const cost = c.n * DRIVEN_ROW_COST;
      if (cost < best.cost) best = { driver: c.filter, cost, asSet: false };
      continue;
    }
    // Of this filter's candidates, those that pass the other tag filters reach the full-text check.
    const reaching = c.n * Math.min(1, tagShare / share(c));
    const check = ftsCheck(reaching);
    const cost = c.n * DRIVEN_ROW_COST + check.cost;
    if (cost < best.cost) best = { driver: c.filter, cost, asSet: check.asSet };
  }
  return { empty: false, driver: best.driver, ftsAsSet: best.asSet };
}

/**
 * The plan for relevance order: the full-text matches always drive. bm25() needs each word's
 * document count, which FTS5 computes per MATCH scan, so ranking row by row (driving from a tag
 * filter) recounts them for every row: tens of seconds for a common word. One scan ranks all
 * matches at once, at a cost proportional to their number (see docs/benchmarks.md).
 */
export function chooseRelevancePlan(db: Db, filters: Filter[], relevantOnly: boolean): Plan {
  const counted = filters.map((filter) => probe(db, filter, relevantOnly));
  if (counted.some((c) => c.n === 0)) return { empty: true, driver: null, ftsAsSet: false };
  return { empty: false, driver: filters.find((f) => f.kind === 'fts')!, ftsAsSet: false };
}

function itemCount(db: Db): number {
  // The largest id stands in for the count: exact enough, and free (count(*) walks a whole index).
  return Math.max(1, (prepared(db, 'SELECT max(id) AS n FROM items').get() as { n: number | null }).n ?? 1);
}

/** How many candidates a filter has, counted up to a cap along an index. */
function probe(db: Db, filter: Filter, relevantOnly: boolean): Counted {
  if (filter.kind === 'fts') {
    const sql = 'SELECT count(*) AS n FROM (SELECT 1 FROM items_fts WHERE items_fts MATCH ? LIMIT ?)';
    const n = (prepared(db, sql).get(filter.query, FTS_PROBE_CAP) as { n: number }).n;
    return { filter, n, capped: n >= FTS_PROBE_CAP };
  }
  // Events come from exposure_event_entities; with irrelevant items listed too, every tagged item counts.
  const sql = relevantOnly
    ? 'SELECT count(*) AS n FROM (SELECT 1 FROM exposure_event_entities WHERE kind = ? AND value IN (SELECT value FROM json_each(?)) LIMIT ?)'
    : 'SELECT count(*) AS n FROM (SELECT 1 FROM item_tags WHERE kind = ? AND value IN (SELECT value FROM json_each(?)) LIMIT ?)';
  const n = (prepared(db, sql).get(filter.tagKind, JSON.stringify(filter.values), TAG_PROBE_CAP) as { n: number }).n;
  return { filter, n, capped: n >= TAG_PROBE_CAP };
}
