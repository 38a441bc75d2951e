import type { Feed } from '../../db/schema';

/** A feed as the CLI's JSON and the API show it: dates as ISO strings, no internal fetch headers. */
export interface FeedJson {
  id: number;
  url: string;
  title: string | null;
  siteUrl: string | null;
  kind: Feed['kind'];
  enabled: boolean;
  lastStatus: Feed['lastStatus'];
  lastError: string | null;
  consecutiveFailures: number;
  lastFetchedAt: string | null;
  nextCheckAt: string | null;
  itemCount: number;
}

export function feedToJson(feed: Feed): FeedJson {
  return {
    id: feed.id,
    url: feed.url,
    title: feed.title,
    siteUrl: feed.siteUrl,
    kind: feed.kind,
    enabled: feed.enabled,
    lastStatus: feed.lastStatus,
    lastError: feed.lastError,
    consecutiveFailures: feed.consecutiveFailures,
    lastFetchedAt: feed.lastFetchedAt?.toISOString() ?? null,
    nextCheckAt: feed.nextCheckAt?.toISOString() ?? null,
    itemCount: feed.itemCount,
  };
}
