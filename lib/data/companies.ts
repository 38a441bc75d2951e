import 'server-only';
import { cache } from 'react';
import { getDb } from '../../db';
import { chartMarkers } from '../queries/chart-markers';
import { exposureBreakdown } from '../queries/company-breakdown';
import { biggestChanges } from '../queries/company-changes';
import { companyEvents } from '../queries/company-events';
import { companyExposure } from '../queries/company-exposure';
import { listCompanies, type CompanyListParams } from '../queries/company-list';
import type { DateRange } from '../queries/date-range';
import { eventUrls } from '../queries/event-rows';
import { companyProfile } from '../queries/places';

export async function fetchCompanyList(params: CompanyListParams) {
  return listCompanies(getDb(), params);
}

// Several widgets of one page read the same series and ledger; cache() computes it once per request.
export const fetchCompanyExposure = cache(async (companyId: string, from: string, to: string) => companyExposure(getDb(), companyId, { from, to }));

// Both breakdown tables of a page read it; once per request.
export const fetchBreakdown = cache(async (companyId: string, to: string) => exposureBreakdown(getDb(), { companyId, day: to }));

export const fetchChanges = cache(async (companyId: string, to: string) => biggestChanges(getDb(), { companyId, to }));

export async function fetchCompanyProfile(companyId: string) {
  return companyProfile(getDb(), companyId);
}

export async function fetchCompanyEvents(companyId: string, range: DateRange, page: number) {
  return companyEvents(getDb(), { companyId, ...range, page });
}

export async function fetchChartMarkers(companyId: string, range: DateRange) {
  return chartMarkers(getDb(), { companyId, ...range });
}

export async function fetchEventUrls(eventIds: number[]) {
  return eventUrls(getDb(), eventIds);
}
