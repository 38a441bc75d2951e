import { and, desc, eq, isNull, or, sql } from 'drizzle-orm';
import type { Db } from '../../db';
import { feeds, items } from '../../db/schema';

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
  // Filled by the tagger (a later stage); empty until then.
  countries: string[];
  companies: { id: string; name: string }[];
  eventType: string | null;
}

export interface ListItemsParams {
  /** Include items the tagger judged irrelevant. */
  all?: boolean;
  limit?: number;
}

/** Newest items first. Without `all`, items judged irrelevant are left out (untagged ones stay in). */
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
    })
    .from(items)
    .innerJoin(feeds, eq(feeds.id, items.feedId))
    .where(params.all ? undefined : or(isNull(items.relevant), eq(items.relevant, true)))
    .orderBy(desc(items.publishedAt), desc(items.id))
    .limit(params.limit ?? 50)
    .all();
  return rows.map((r) => ({
    ...r,
    publishedAt: r.publishedAt.toISOString(),
    countries: [],
    companies: [],
    eventType: null,
  }));
}

export interface Totals {
  feeds: number;
  feedsFailing: number;
  items: number;
  events: number;
}

/** Headline counts for the overview. Events are relevant items (untagged ones count until tagging runs). */
export function countTotals(db: Db): Totals {
  const feedRow = db
    .select({
      feeds: sql<number>`count(*)`,
      failing: sql<number>`coalesce(sum(case when ${feeds.lastStatus} = 'error' then 1 else 0 end), 0)`,
    })
    .from(feeds)
    .get();
  const itemRow = db
    .select({
      items: sql<number>`count(*)`,
      events: sql<number>`coalesce(sum(case when ${items.relevant} is null or ${items.relevant} = 1 then 1 else 0 end), 0)`,
    })
    .from(items)
    .get();
  return {
    feeds: feedRow?.feeds ?? 0,
    feedsFailing: feedRow?.failing ?? 0,
    items: itemRow?.items ?? 0,
    events: itemRow?.events ?? 0,
  };
}

export interface MonthCount {
  month: string; // YYYY-MM
  items: number;
  events: number;
}

export function countItemsPerMonth(db: Db): MonthCount[] {
  const month = sql<string>`strftime('%Y-%m', ${items.publishedAt} / 1000, 'unixepoch')`;
  return db
    .select({
      month,
      items: sql<number>`count(*)`,
      events: sql<number>`sum(case when ${items.relevant} is null or ${items.relevant} = 1 then 1 else 0 end)`,
    })
    .from(items)
    .groupBy(month)
    .orderBy(month)
    .all();
}

export function hasAnyItems(db: Db): boolean {
  return db.select({ id: items.id }).from(items).limit(1).get() !== undefined;
}

export function feedItemCount(db: Db, feedId: number): number {
  return db.select({ n: sql<number>`count(*)` }).from(items).where(and(eq(items.feedId, feedId))).get()?.n ?? 0;
}
