import { and, asc, desc, eq, inArray, isNull, or } from 'drizzle-orm';
import type { Db } from '../../db';
import { feeds, items } from '../../db/schema';
import { effectiveTags } from '../tagging/cluster-items';
import { getGazetteerFor } from '../tagging/tagger-instance';

export interface ItemRow {
  id: number;
  feedId: number;
  feedUrl: string;
  feedTitle: string | null;
  title: string;
  url: string | null;
  summary: string;
  publishedAt: string;
  relevant: boolean | null;
  relevance: number | null;
  countries: string[];
  companies: { id: string; name: string }[];
  eventType: string | null;
  severity: number | null;
  clusterId: number | null;
  /** Feeds that carried this story: the item's own, plus the other members of its cluster. */
  sources: { itemId: number; feedId: number; feedTitle: string | null; url: string | null }[];
}

export interface ListItemsParams {
  /** Include items the tagger judged irrelevant. */
  all?: boolean;
  limit?: number;
}

/**
 * Newest events first, one row per story cluster (its first report), so a story carried by three
 * feeds is listed once with three sources. With `all`, irrelevant items are listed as well.
 */
export function listItems(db: Db, params: ListItemsParams = {}): ItemRow[] {
  const rows = db
    .select({
      id: items.id,
      feedId: items.feedId,
      feedUrl: feeds.url,
      feedTitle: feeds.title,
      title: items.title,
      url: items.url,
      summary: items.summary,
      publishedAt: items.publishedAt,
      relevant: items.relevant,
      relevance: items.relevance,
      eventType: items.eventType,
      severity: items.severity,
      clusterId: items.clusterId,
    })
    .from(items)
    .innerJoin(feeds, eq(feeds.id, items.feedId))
    .where(
      and(
        params.all ? undefined : or(isNull(items.relevant), eq(items.relevant, true)),
        or(isNull(items.clusterId), eq(items.clusterId, items.id)),
      ),
    )
    .orderBy(desc(items.publishedAt), desc(items.id))
    .limit(params.limit ?? 50)
    .all();
  const ids = rows.map((r) => r.id);
  const tags = tagsOf(db, ids);
  const sources = sourcesOf(db, rows.map((r) => r.clusterId).filter((id): id is number => id !== null));
  return rows.map((r) => ({
    ...r,
    publishedAt: r.publishedAt.toISOString(),
    countries: tags.get(r.id)?.countries ?? [],
    companies: tags.get(r.id)?.companies ?? [],
    sources: r.clusterId !== null ? (sources.get(r.clusterId) ?? []) : [{ itemId: r.id, feedId: r.feedId, feedTitle: r.feedTitle, url: r.url }],
  }));
}

/** Effective tags (auto plus manual, minus manual removals) of the items, with company names. */
export function tagsOf(db: Db, ids: number[]): Map<number, { countries: string[]; companies: { id: string; name: string }[] }> {
  const result = new Map<number, { countries: string[]; companies: { id: string; name: string }[] }>();
  if (ids.length === 0) return result;
  const gazetteer = getGazetteerFor(db);
  for (const [itemId, values] of effectiveTags(db, ids)) {
    const entry = { countries: [] as string[], companies: [] as { id: string; name: string }[] };
    for (const value of values) {
      const [kind, id] = value.split(':');
      if (kind === 'country') entry.countries.push(id);
      else entry.companies.push({ id, name: gazetteer.companyById.get(id)?.name ?? id });
    }
    result.set(itemId, entry);
  }
  return result;
}

function sourcesOf(db: Db, clusterIds: number[]) {
  const result = new Map<number, ItemRow['sources']>();
  if (clusterIds.length === 0) return result;
  const rows = db
    .select({ clusterId: items.clusterId, itemId: items.id, feedId: items.feedId, feedTitle: feeds.title, url: items.url })
    .from(items)
    .innerJoin(feeds, eq(feeds.id, items.feedId))
    .where(inArray(items.clusterId, clusterIds))
    .orderBy(asc(items.publishedAt), asc(items.id))
    .all();
  for (const { clusterId, ...source } of rows) {
    const list = result.get(clusterId!) ?? [];
    list.push(source);
    result.set(clusterId!, list);
  }
  return result;
}

export function hasAnyItems(db: Db): boolean {
  return db.select({ id: items.id }).from(items).limit(1).get() !== undefined;
}
