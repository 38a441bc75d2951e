import { asc, inArray } from 'drizzle-orm';
import type { Db } from '../../db';
import { items, itemTags } from '../../db/schema';
import { jaccard, titleTokens } from './title-similarity';

/**
 * Story clustering: an item joins the cluster of an earlier item from another feed that reports
 * the same thing. Candidates share the event type and fall within WINDOW_DAYS; each is scored on
 * shared companies, shared countries and title similarity, and the best one over THRESHOLD wins.
 * Every weight is here so a cluster can be explained.
 */
export const CLUSTER_RULES = {
  windowDays: 3,
  sharedCompany: 0.4,
  sharedCountry: 0.2,
  titleSimilarity: 0.6, // multiplied by the Jaccard similarity of title tokens
  threshold: 0.5,
};

const DAY_MS = 86_400_000;

interface Candidate {
  id: number;
  feedId: number;
  title: string;
  clusterId: number | null;
  publishedAt: Date;
}

export function assignClusters(db: Db, ids: number[]): void {
  if (ids.length === 0) return;
  // Oldest first, so the first report of a story becomes its cluster's id.
  const targets = db
    .select({ id: items.id, feedId: items.feedId, title: items.title, publishedAt: items.publishedAt, eventType: items.eventType, relevant: items.relevant })
    .from(items)
    .where(inArray(items.id, ids))
    .orderBy(asc(items.publishedAt), asc(items.id))
    .all();
  const candidateQuery = db.$client.prepare(
    `SELECT id, feed_id AS feedId, title, cluster_id AS clusterId, published_at AS publishedAt FROM items
     WHERE event_type = ? AND published_at BETWEEN ? AND ? AND relevant = 1 AND feed_id <> ? AND id <> ?
       AND cluster_id IS NOT NULL
     ORDER BY published_at LIMIT 200`,
  );
  const setCluster = db.$client.prepare('UPDATE items SET cluster_id = ? WHERE id = ?');

  for (const target of targets) {
    if (!target.relevant || !target.eventType) {
      setCluster.run(null, target.id);
      continue;
    }
    const at = target.publishedAt.getTime();
    const window = CLUSTER_RULES.windowDays * DAY_MS;
    const candidates = candidateQuery.all(target.eventType, at - window, at + window, target.feedId, target.id) as Candidate[];
    let best: { clusterId: number; score: number } | undefined;
    if (candidates.length > 0) {
      const tags = effectiveTags(db, [target.id, ...candidates.map((c) => c.id)]);
      const mine = tags.get(target.id) ?? new Set<string>();
      const myTokens = titleTokens(target.title);
      for (const c of candidates) {
        const score = clusterScore(mine, tags.get(c.id) ?? new Set(), myTokens, titleTokens(c.title));
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
  const rows = db
    .select({ itemId: itemTags.itemId, kind: itemTags.kind, value: itemTags.value, source: itemTags.source, removed: itemTags.removed })
    .from(itemTags)
    .where(inArray(itemTags.itemId, ids))
    .all();
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

