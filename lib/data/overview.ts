import 'server-only';
import { cache } from 'react';
import { getDb } from '../../db';
import { listCompanies } from '../queries/company-list';
import { countItemsPerMonth, countTotals } from '../queries/overview-counts';
import { eventCountsByMonth, exposureLines, latestSevereEvents, pressureNow } from '../queries/overview';
import { watchlistCompanyIds } from '../watchlist/manage-watchlist';

export async function fetchTotals() {
  return countTotals(getDb());
}

export async function fetchItemsPerMonth() {
  return countItemsPerMonth(getDb());
}

/** The companies the overview is about: the watchlist when asked for (and not empty), else everyone. */
export async function fetchOverviewScope(view: string | undefined): Promise<{ watchlist: boolean; ids?: string[]; emptyWatchlist: boolean }> {
  if (view !== 'watchlist') return { watchlist: false, emptyWatchlist: false };
  const ids = watchlistCompanyIds(getDb());
  return ids.length ? { watchlist: true, ids, emptyWatchlist: false } : { watchlist: false, emptyWatchlist: true };
}

// The ranking the table and the chart both show, computed once per request (React's cache).
const TOP_COMPANIES = 10;
const rankedCompanies = cache((idsKey: string) => listCompanies(getDb(), { ids: idsKey ? idsKey.split(',') : undefined, sort: 'score', pageSize: TOP_COMPANIES }));

export async function fetchTopCompanies(ids: string[] | undefined) {
  return rankedCompanies(ids?.join(',') ?? '');
}

export async function fetchExposureLines(ids: string[] | undefined) {
  const top = rankedCompanies(ids?.join(',') ?? '').rows.slice(0, ids ? 8 : 5);
  return { series: top.map((r) => ({ id: r.id, name: r.name })), data: exposureLines(getDb(), { companyIds: top.map((r) => r.id), days: 365 }) };
}

export async function fetchSevereEvents(ids: string[] | undefined) {
  return latestSevereEvents(getDb(), { minSeverity: 0.7, limit: 10, companyIds: ids });
}

export async function fetchMonthlyCounts(by: 'type' | 'region', ids: string[] | undefined) {
  return eventCountsByMonth(getDb(), { by, months: 24, companyIds: ids });
}

export async function fetchPressureNow() {
  return pressureNow(getDb());
}
