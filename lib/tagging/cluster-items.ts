import { prepared, type Db } from '../../db';
import type { ClusterMemo } from './cluster-memo';
import { jaccard, titleTokens } from './title-similarity';

export { clusterKeysOf } from './cluster-keys';

/**
 * Story clustering: an item joins the cluster of an item from another feed that reports the same
 * thing. Candidates share the event type and a company (or, for items that name none, a country)
 * and fall within windowDays; each is scored on shared companies, shared countries and title
 * similarity, and the best one over the threshold wins. Every weight is here so a cluster can be
 * explained. Cluster keys come from the automatic tags; manual corrections count in the scores.
 */
export const CLUSTER_RULES = {
  windowDays: 3,
  sharedCompany: 0.4,
  sharedCountry: 0.2,
  titleSimilarity: 0.6, // multiplied by the Jaccard similarity of title tokens
  threshold: 0.5,
  // Only the reports closest in time are compared: bounds the work per item when a story floods the feeds.
  maxCandidates: 50,
};

const DAY_MS = 86_400_000;

interface Candidate {
  id: number;
  title: string;
  clusterId: number;
  publishedAt: number;
  tags: Set<string>;
  /** Title tokens already known (a memo hit), so they are not computed again for every document. */
  tokens?: Set<string>;
}

interface CandidateRow {
  id: number;
  title: string;
  clusterId: number;
  publishedAt: number;
  tags: string | null;
}

// The effective tags of a candidate (the effective_item_tags view), as "kind:value" joined by spaces.
const CANDIDATE_TAGS = `(SELECT group_concat(e.kind || ':' || e.value, ' ') FROM effective_item_tags e WHERE e.item_id = i.id)`;
const CANDIDATE_FILTER = 'i.feed_id <> ? AND i.relevant = 1 AND i.cluster_id IS NOT NULL';

// Items of other feeds, already clustered, that share a cluster key with one item within the window.
const CANDIDATES_SQL = `SELECT i.id, i.title, i.cluster_id AS clusterId, i.published_at AS publishedAt, ${CANDIDATE_TAGS} AS tags
  FROM items i
  WHERE i.id IN (SELECT k.item_id FROM cluster_keys k
                 WHERE k.key IN (SELECT value FROM json_each(?)) AND k.published_at BETWEEN ? AND ?)
    AND i.id <> ? AND ${CANDIDATE_FILTER}
  ORDER BY abs(i.published_at - ?) LIMIT ${CLUSTER_RULES.maxCandidates}`;

// The same for a whole feed document at once, in two steps. First the items that share a key within
// a window ([key, from, to] triples in, the windows of one key merged so no item comes back twice
// for a key), from the cluster_keys index alone. Then the rows and tags of those not in the run's
// memo (cluster-memo.ts), once per item: computed per row of the first query, the tags were most of
// its time.
const FEED_CANDIDATE_KEYS_SQL = `SELECT q.value ->> 0 AS key, k.item_id AS id
  FROM json_each(?) q
  JOIN cluster_keys k ON k.key = q.value ->> 0 AND k.published_at BETWEEN q.value ->> 1 AND q.value ->> 2`;
const CANDIDATE_ROWS_SQL = `SELECT i.id, i.title, i.cluster_id AS clusterId, i.published_at AS publishedAt
  FROM items i WHERE i.id IN (SELECT value FROM json_each(?)) AND ${CANDIDATE_FILTER}`;

export interface ClusterTarget {
  id: number;
  feedId: number;
  title: string;
  publishedAt: number;
  keys: string[];
  /** Effective tags as "kind:value". */
  tags: Set<string>;
}

/** Titles are tokenised once per batch; pass the same cache for a whole batch. */
export type TokenCache = Map<number, Set<string>>;

/**
 * The cluster the target belongs to: the best-scoring candidate's, or a new one (its own id). One
 * query per item, so items tagged earlier in the same batch are candidates (the retag path).
 */
export function findCluster(db: Db, target: ClusterTarget, tokenCache: TokenCache): number {
  if (target.keys.length === 0) return target.id;
  const window = CLUSTER_RULES.windowDays * DAY_MS;
  const rows = prepared(db, CANDIDATES_SQL).all(
    JSON.stringify(target.keys),
    target.publishedAt - window,
    target.publishedAt + window,
    target.id,
    target.feedId,
    target.publishedAt,
  ) as CandidateRow[];
  return bestCluster(target, rows.map(toCandidate), tokenCache);
}

/**
 * Candidates for every item of one feed document, in one query. Items of the same feed never
 * cluster together, so everything a document's items can join is already stored before the
 * document is written: one query replaces one per item (the ingest path, see docs/benchmarks.md).
 */
export class FeedClusterCandidates {
  private readonly byKey = new Map<string, Set<Candidate>>();

  constructor(db: Db, feedId: number, targets: Pick<ClusterTarget, 'keys' | 'publishedAt'>[], memo?: ClusterMemo) {
    const ranges = mergedWindows(targets, CLUSTER_RULES.windowDays * DAY_MS);
    if (ranges.length === 0) return;
    const hits = prepared(db, FEED_CANDIDATE_KEYS_SQL).all(JSON.stringify(ranges)) as { key: string; id: number }[];
    const byId = new Map<number, Candidate | null>();
    const unknown: number[] = [];
    for (const { id } of hits) {
      if (byId.has(id)) continue;
      const known = memo?.get(id);
      if (!known) {
        byId.set(id, null);
        unknown.push(id);
      } else byId.set(id, known.feedId === feedId ? null : { id, title: known.title, clusterId: known.clusterId, publishedAt: known.publishedAt, tags: known.tags, tokens: known.tokens });
    }
    if (unknown.length) {
      const rows = prepared(db, CANDIDATE_ROWS_SQL).all(JSON.stringify(unknown), feedId) as Omit<CandidateRow, 'tags'>[];
      const tags = effectiveTags(db, rows.map((r) => r.id));
      for (const row of rows) byId.set(row.id, { ...row, tags: tags.get(row.id) ?? new Set() });
    }
    for (const { key, id } of hits) {
      const candidate = byId.get(id);
      if (!candidate) continue; // same feed, irrelevant or not clustered
      let list = this.byKey.get(key);
      if (!list) this.byKey.set(key, (list = new Set()));
      list.add(candidate);
    }
  }

  clusterFor(target: ClusterTarget, tokenCache: TokenCache): number {
    if (target.keys.length === 0) return target.id;
    const window = CLUSTER_RULES.windowDays * DAY_MS;
    // An array, checked for repeats only when the target has several keys (a candidate can share more
    // than one): no Set and no spread per item.
    const candidates: Candidate[] = [];
    const severalKeys = target.keys.length > 1;
    for (const key of target.keys) {
      const list = this.byKey.get(key);
      if (!list) continue;
      for (const c of list) {
        if (Math.abs(c.publishedAt - target.publishedAt) > window || c.id === target.id) continue;
        if (severalKeys && candidates.includes(c)) continue;
        candidates.push(c);
      }
    }
    return bestCluster(target, candidates, tokenCache);
  }
}

/**
 * Each key's time windows (publishedAt ± window of every target with that key), overlapping ones
 * merged: items of one feed cluster around the same days, so a document's 500 windows of a key are
 * usually a handful of ranges.
 */
function mergedWindows(targets: Pick<ClusterTarget, 'keys' | 'publishedAt'>[], window: number): [string, number, number][] {
  const byKey = new Map<string, number[]>();
  for (const t of targets) {
    for (const key of t.keys) {
      let times = byKey.get(key);
      if (!times) byKey.set(key, (times = []));
      times.push(t.publishedAt);
    }
  }
  const ranges: [string, number, number][] = [];
  for (const [key, times] of byKey) {
    times.sort((a, b) => a - b);
    let from = times[0] - window;
    let to = times[0] + window;
    for (const at of times) {
      if (at - window > to) {
        ranges.push([key, from, to]);
        from = at - window;
      }
      to = at + window;
    }
    ranges.push([key, from, to]);
  }
  return ranges;
}

function toCandidate(row: CandidateRow): Candidate {
  return { id: row.id, title: row.title, clusterId: row.clusterId, publishedAt: row.publishedAt, tags: new Set(row.tags ? row.tags.split(' ') : []) };
}

/** Scores the candidates nearest in time (at most maxCandidates) and keeps the best over the threshold. */
function bestCluster(target: ClusterTarget, candidates: Candidate[], tokenCache: TokenCache): number {
  if (candidates.length === 0) return target.id;
  // No closures here (this runs for every item ingested): the order is by distance in time, then id.
  if (candidates.length > 1) {
    sortTarget = target.publishedAt;
    candidates.sort(byDistanceFromSortTarget);
  }
  const count = Math.min(candidates.length, CLUSTER_RULES.maxCandidates);
  const targetTokens = tokensOf(tokenCache, target.id, target.title);
  let bestId = target.id;
  let bestScore = -1;
  for (let i = 0; i < count; i++) {
    const c = candidates[i];
    const score = clusterScore(target.tags, c.tags, targetTokens, c.tokens ?? tokensOf(tokenCache, c.id, c.title));
    if (score >= CLUSTER_RULES.threshold && score > bestScore) {
      bestId = c.clusterId;
      bestScore = score;
    }
  }
  return bestId;
}

let sortTarget = 0;
function byDistanceFromSortTarget(a: Candidate, b: Candidate): number {
  return Math.abs(a.publishedAt - sortTarget) - Math.abs(b.publishedAt - sortTarget) || a.id - b.id;
}

function tokensOf(tokenCache: TokenCache, id: number, title: string): Set<string> {
  let tokens = tokenCache.get(id);
  if (!tokens) tokenCache.set(id, (tokens = titleTokens(title)));
  return tokens;
}

export function clusterScore(tagsA: Set<string>, tagsB: Set<string>, tokensA: Set<string>, tokensB: Set<string>): number {
  let company = false;
  let country = false;
  // A loop over the set, not a spread per prefix: this runs for every candidate of every item ingested.
  for (const t of tagsA) {
    if (!tagsB.has(t)) continue;
    if (t.startsWith('company:')) company = true;
    else if (t.startsWith('country:')) country = true;
  }
  let score = 0;
  if (company) score += CLUSTER_RULES.sharedCompany;
  if (country) score += CLUSTER_RULES.sharedCountry;
  score += CLUSTER_RULES.titleSimilarity * jaccard(tokensA, tokensB);
  return score;
}

const TAGS_SQL = `SELECT item_id AS itemId, kind, value FROM effective_item_tags
  WHERE item_id IN (SELECT value FROM json_each(?))`;

/** Tags as "kind:value" per item, after manual additions and removals (see the effective_item_tags view). */
export function effectiveTags(db: Db, ids: number[]): Map<number, Set<string>> {
  const rows = prepared(db, TAGS_SQL).all(JSON.stringify(ids)) as { itemId: number; kind: string; value: string }[];
  const result = new Map<number, Set<string>>();
  for (const r of rows) {
    let set = result.get(r.itemId);
    if (!set) result.set(r.itemId, (set = new Set()));
    set.add(`${r.kind}:${r.value}`);
  }
  return result;
}
