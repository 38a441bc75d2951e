import type { Db } from '../../db';
import type { DigestSubscription } from '../../db/schema';
import { dayIndexOf, dayString } from '../exposure/days';
import { latestExposureDay } from '../queries/company-exposure';
import { scoreSeries, scoresOn } from '../queries/company-scores';
import { daysBefore } from '../queries/date-range';
import { decodeCursor } from '../queries/event-cursor';
import { DEFAULT_LIMIT, eventFiltersToParams, MAX_LIMIT, type EventFilters } from '../queries/event-filters';
import { searchEvents, type EventRow } from '../queries/search-events';
import type { EventType } from '../tagging/rules';
import { getGazetteerFor } from '../tagging/tagger-instance';
import { watchlistCompanyIds } from '../watchlist/manage-watchlist';
import type { DigestPeriod } from './period';

/** A digest never lists more than this; the dashboard link shows the rest. */
export const MAX_DIGEST_EVENTS = 300;
/** Companies with an exposure line and chart, highest score first. */
export const MAX_DIGEST_COMPANIES = 20;
/** Days in each company's chart. */
export const CHART_DAYS = 30;

export interface DigestEvent {
  id: number;
  title: string;
  publishedAt: string;
  eventType: string | null;
  severity: number | null;
  url: string | null;
  summary: string;
}

export interface DigestGroup {
  /** Null for events that name no company. */
  companyId: string | null;
  name: string;
  events: DigestEvent[];
}

export interface DigestCompanyExposure {
  companyId: string;
  name: string;
  score: number;
  /** Score now minus the score on the day the period started. */
  change: number;
  series: number[];
  url: string;
}

export interface DigestContent {
  period: DigestPeriod;
  eventCount: number;
  /** Events beyond MAX_DIGEST_EVENTS, left out. */
  omitted: number;
  groups: DigestGroup[];
  exposure: DigestCompanyExposure[];
  /** The same events in the dashboard's explorer. */
  dashboardUrl: string;
}

/** The subscriber's companies: those chosen by hand plus, when asked, the watchlist as it is now. */
export function subscriberCompanies(db: Db, sub: Pick<DigestSubscription, 'companies' | 'useWatchlist'>): string[] {
  return [...new Set([...sub.companies, ...(sub.useWatchlist ? watchlistCompanyIds(db) : [])])];
}

/**
 * What goes in one digest: the events of the period matching the subscription's filters, read
 * through the explorer's own query (so the link at the bottom shows the same list), grouped by
 * company, and each subscribed company's exposure. Events count in the period of their
 * publication time, as on the dashboard.
 */
export function selectDigest(db: Db, sub: DigestSubscription, period: DigestPeriod, appUrl: string): DigestContent {
  const gazetteer = getGazetteerFor(db);
  const companies = subscriberCompanies(db, sub);
  const filters: EventFilters = {
    companies,
    countries: sub.countries,
    region: sub.region,
    types: sub.eventTypes as EventType[],
    minSeverity: sub.minSeverity,
    // The explorer filters whole UTC days; the exact period is applied to the rows below.
    from: dayString(dayIndexOf(period.start.getTime())),
    to: dayString(dayIndexOf(period.end.getTime() - 1)),
    q: null,
    ftsQuery: null,
    relevantOnly: true,
    sort: 'newest',
    limit: MAX_LIMIT,
    cursor: null,
  };
  // Following only the watchlist while it is empty means following nothing, not everything.
  const followsNothing = sub.useWatchlist && companies.length === 0;
  const events: EventRow[] = [];
  let omitted = 0;
  for (let cursor: string | null = null; !followsNothing; ) {
    const page = searchEvents(db, { ...filters, cursor: cursor ? decodeCursor(cursor, 'newest') : null });
    for (const e of page.events) {
      const at = Date.parse(e.publishedAt);
      if (at < period.start.getTime() || at >= period.end.getTime()) continue;
      if (events.length < MAX_DIGEST_EVENTS) events.push(e);
      else omitted++;
    }
    cursor = page.nextCursor;
    if (!cursor) break;
  }

  const exposure = companyExposure(db, companies, period, appUrl, (id) => gazetteer.companyById.get(id)?.name ?? id);
  const rank = new Map(exposure.map((c, i) => [c.companyId, i]));
  const groups = new Map<string | null, DigestGroup>();
  for (const e of events) {
    // Each event once: under the subscriber's highest-scoring company it names, else its first company.
    const named = e.companies.map((c) => c.id);
    const mine = named.filter((id) => rank.has(id)).sort((a, b) => rank.get(a)! - rank.get(b)!);
    const companyId = mine[0] ?? named[0] ?? null;
    let group = groups.get(companyId);
    if (!group) {
      const name = companyId === null ? 'Other events' : (gazetteer.companyById.get(companyId)?.name ?? companyId);
      groups.set(companyId, (group = { companyId, name, events: [] }));
    }
    group.events.push({
      id: e.id,
      title: e.title,
      publishedAt: e.publishedAt,
      eventType: e.eventType,
      severity: e.severity,
      url: e.url ?? e.sources.find((s) => s.url)?.url ?? null,
      summary: oneLine(e.summary),
    });
  }
  const order = (g: DigestGroup) => (g.companyId === null ? 2e9 : (rank.get(g.companyId) ?? 1e9));
  return {
    period,
    eventCount: events.length + omitted,
    omitted,
    groups: [...groups.values()].sort((a, b) => order(a) - order(b) || a.name.localeCompare(b.name)),
    exposure,
    dashboardUrl: `${appUrl}/events?${eventFiltersToParams({ ...filters, limit: DEFAULT_LIMIT }).toString()}`,
  };
}

function companyExposure(db: Db, companies: string[], period: DigestPeriod, appUrl: string, nameOf: (id: string) => string): DigestCompanyExposure[] {
  if (companies.length === 0) return [];
  // "Now" is the period's last day, or the latest day the exposure job has computed if that is earlier.
  const periodLastDay = dayString(dayIndexOf(period.end.getTime() - 1));
  const latest = latestExposureDay(db);
  const day = latest < periodLastDay ? latest : periodLastDay;
  const startDay = dayString(Math.min(dayIndexOf(period.start.getTime()), dayIndexOf(Date.parse(`${day}T00:00:00Z`))));
  const scores = scoresOn(db, { companyIds: companies, days: [day, startDay] });
  const series = scoreSeries(db, { companyIds: companies, from: daysBefore(day, CHART_DAYS - 1), to: day });
  return companies
    .map((companyId) => {
      const score = scores.get(companyId)?.get(day) ?? 0;
      return {
        companyId,
        name: nameOf(companyId),
        score,
        change: score - (scores.get(companyId)?.get(startDay) ?? 0),
        series: series.get(companyId) ?? [],
        url: `${appUrl}/companies/${encodeURIComponent(companyId)}`,
      };
    })
    .sort((a, b) => b.score - a.score || a.name.localeCompare(b.name))
    .slice(0, MAX_DIGEST_COMPANIES);
}

/** The first sentence, at most 160 characters: enough to decide whether to click. */
function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const sentence = /^(.{20,}?[.!?])\s/.exec(flat)?.[1] ?? flat;
  return sentence.length > 160 ? `${sentence.slice(0, 157).trimEnd()}…` : sentence;
}
