import { asc, inArray } from 'drizzle-orm';
import { prepared, type Db } from '../../db';
import { items } from '../../db/schema';
import { jaccard, titleTokens } from './title-similarity';

/**
 * Story clustering: an item joins the cluster of an item from another feed that reports the same
 * thing. Candidates share the event type and a company (or, for items that name none, a country)
 * and fall within windowDays; each is scored on shared companies, shared countries and title
 * similarity, and the best one over the threshold wins. Every weight is here so a cluster can be
 * explained. Manual tag changes affect scores at once and cluster keys at the next retag.
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
  feedId: number;
  title: string;
  clusterId: number | null;
  tags: string | null;
}

// Candidates: earlier-clustered items of other feeds that share a cluster key (type × company, or
// type × country) within the window, nearest in time first, with their tags in the same query.
const CANDIDATES_SQL = `SELECT i.id, i.feed_id AS feedId, i.title, i.cluster_id AS clusterId,
    (SELECT group_concat(t.kind || ':' || t.value, ' ') FROM item_tags t
      WHERE t.item_id = i.id AND t.removed = 0
        AND NOT EXISTS (SELECT 1 FROM item_tags r WHERE r.item_id = t.item_id AND r.kind = t.kind
                        AND r.value = t.value AND r.source = 'manual' AND r.removed = 1)) AS tags
  FROM items i
  WHERE i.id IN (SELECT k.item_id FROM cluster_keys k
                 WHERE k.key IN (SELECT value FROM json_each(?)) AND k.published_at BETWEEN ? AND ?)
    AND i.id <> ? AND i.feed_id <> ? AND i.relevant = 1 AND i.cluster_id IS NOT NULL
  ORDER BY abs(i.published_at - ?) LIMIT ${CLUSTER_RULES.maxCandidates}`;

const KEYS_OF_SQL = 'SELECT key FROM cluster_keys WHERE item_id = ?';
const DELETE_KEYS_SQL = 'DELETE FROM cluster_keys WHERE item_id = ?';
const INSERT_KEY_SQL = 'INSERT OR IGNORE INTO cluster_keys (key, published_at, item_id) VALUES (?, ?, ?)';

/**
 * The cluster keys of a tagged item: its type with each company it names, or with each country
 * when it names no company. An irrelevant item, or one with neither, gets none and stays alone.
 */
export function writeClusterKeys(
  db: Db,
  item: { id: number; publishedAt: number },
  tagging: { relevant: boolean; eventType: string; companies: { id: string }[]; countries: string[] },
): string[] {
  prepared(db, DELETE_KEYS_SQL).run(item.id);
  if (!tagging.relevant) return [];
  const values = tagging.companies.length ? tagging.companies.map((c) => `company:${c.id}`) : tagging.countries.map((c) => `country:${c}`);
  const insert = prepared(db, INSERT_KEY_SQL);
  const keys = values.map((value) => `${tagging.eventType}|${value}`);
  for (const key of keys) insert.run(key, item.publishedAt, item.id);
  return keys;
}

const TAGS_SQL = `SELECT item_id AS itemId, kind, value, source, removed FROM item_tags
  WHERE item_id IN (SELECT value FROM json_each(?))`;

/** `keysById`: the cluster keys just written for these items, when the caller has them (saves a query per item). */
export function assignClusters(db: Db, ids: number[], keysById?: Map<number, string[]>): void {
  if (ids.length === 0) return;
  // Oldest first, so the first report of a story becomes its cluster's id.
  const targets = db
    .select({ id: items.id, feedId: items.feedId, title: items.title, publishedAt: items.publishedAt, eventType: items.eventType, relevant: items.relevant })
    .from(items)
    .where(inArray(items.id, ids))
    .orderBy(asc(items.publishedAt), asc(items.id))
    .all();
  const candidateQuery = prepared(db, CANDIDATES_SQL);
  const setCluster = prepared(db, 'UPDATE items SET cluster_id = ? WHERE id = ?');
  const tokenCache = new Map<number, Set<string>>();
  const tokensOf = (id: number, title: string) => {
    let tokens = tokenCache.get(id);
    if (!tokens) tokenCache.set(id, (tokens = titleTokens(title)));
    return tokens;
  };

  for (const target of targets) {
    // Irrelevant items keep the null cluster the tagger wrote.
    if (!target.relevant || !target.eventType) continue;
    const at = target.publishedAt.getTime();
    const window = CLUSTER_RULES.windowDays * DAY_MS;
    const keys = keysById?.get(target.id) ?? (prepared(db, KEYS_OF_SQL).all(target.id) as { key: string }[]).map((k) => k.key);
    const candidates = keys.length
      ? (candidateQuery.all(JSON.stringify(keys), at - window, at + window, target.id, target.feedId, at) as Candidate[])
      : [];
    let best: { clusterId: number; score: number } | undefined;
    if (candidates.length > 0) {
      const mine = effectiveTags(db, [target.id]).get(target.id) ?? new Set<string>();
      const myTokens = tokensOf(target.id, target.title);
      for (const c of candidates) {
        const theirs = new Set(c.tags ? c.tags.split(' ') : []);
        const score = clusterScore(mine, theirs, myTokens, tokensOf(c.id, c.title));
        if (score >= CLUSTER_RULES.threshold && (!best || score > best.score)) best = { clusterId: c.clusterId!, score };
      }
    }
    setCluster.run(best?.clusterId ?? target.id, target.id);
  }
}

export function clusterScore(tagsA: Set<string>, tagsB: Set<string>, tokensA: Set<string>, tokensB: Set<string>): number {
  let score = 0;
  const shares = (prefix: string) => [...tagsA].some((t) => t.startsWith(prefix) && tagsB.has(t));
  if (shares('company:')) score += CLUSTER_RULES.sharedCompany;
  if (shares('country:')) score += CLUSTER_RULES.sharedCountry;
  score += CLUSTER_RULES.titleSimilarity * jaccard(tokensA, tokensB);
  return score;
}

/** Tags as "kind:value" per item, after manual additions and removals. */
export function effectiveTags(db: Db, ids: number[]): Map<number, Set<string>> {
  const rows = prepared(db, TAGS_SQL).all(JSON.stringify(ids)) as {
    itemId: number;
    kind: string;
    value: string;
    source: string;
    removed: number;
  }[];
  const removed = new Set(rows.filter((r) => r.source === 'manual' && r.removed).map((r) => `${r.itemId}|${r.kind}:${r.value}`));
  const result = new Map<number, Set<string>>();
  for (const r of rows) {
    if (r.removed || removed.has(`${r.itemId}|${r.kind}:${r.value}`)) continue;
    let set = result.get(r.itemId);
    if (!set) result.set(r.itemId, (set = new Set()));
    set.add(`${r.kind}:${r.value}`);
  }
  return result;
}

