import type { EventRow } from './search-events';

/**
 * An event as the JSON API returns it: the documented contract (issue 4, "JSON API"), nothing the
 * page needs for display only. Checks depend on this shape, so it is built field by field.
 */
export interface ApiEvent {
  id: number;
  title: string;
  url: string | null;
  summary: string;
  publishedAt: string;
  countries: string[];
  companies: { id: string; name: string }[];
  eventType: string | null;
  severity: number | null;
  sources: { feedId: number; feedTitle: string | null; url: string | null; title: string }[];
}

export function toApiEvent(e: EventRow): ApiEvent {
  return {
    id: e.id,
    title: e.title,
    url: e.url,
    summary: e.summary,
    publishedAt: e.publishedAt,
    countries: e.countries,
    companies: e.companies,
    eventType: e.eventType,
    severity: e.severity,
    sources: e.sources.map((s) => ({ feedId: s.feedId, feedTitle: s.feedTitle, url: s.url, title: s.title })),
  };
}
