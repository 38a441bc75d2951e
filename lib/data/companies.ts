import 'server-only';
import { cache } from 'react';
import { getDb } from '../../db';
import { chartMarkers } from '../queries/chart-markers';
import { exposureBreakdown } from '../queries/company-breakdown';
import { biggestChanges } from '../queries/company-changes';
import { companyEvents } from '../queries/company-events';
import { companyExposure } from '../queries/company-exposure';
import { readCompanyEvents, type ReadCompanyEvents } from '../queries/company-ledger';
import { listCompanies, type CompanyListParams } from '../queries/company-list';
import { daysBefore, type DateRange } from '../queries/date-range';
import { CHANGE_WINDOW_DAYS } from '../exposure/snapshot-events';
import { eventUrls } from '../queries/event-rows';
import { companyProfile } from '../queries/places';

export async function fetchCompanyList(params: CompanyListParams) {
  return listCompanies(getDb(), params);
}

// On a day without a snapshot, the ledger, the breakdowns and the changes are computed from the
// company's events, which at a million items take ~40 ms to read: one read per request, of the
// events counting on some day of the changes window, serves all three (lib/queries/company-ledger.ts).
const readChangesWindow = cache((companyId: string, to: string) => readCompanyEvents(getDb())(companyId, { from: daysBefore(to, CHANGE_WINDOW_DAYS), to }));
const readOncePerPage: ReadCompanyEvents = (companyId, span) =>
  span.from >= daysBefore(span.to, CHANGE_WINDOW_DAYS) ? readChangesWindow(companyId, span.to) : readCompanyEvents(getDb())(companyId, span);

// Several widgets of one page read the same series and ledger; cache() computes it once per request.
export const fetchCompanyExposure = cache(async (companyId: string, from: string, to: string) => companyExposure(getDb(), companyId, { from, to }, readOncePerPage));

// Both breakdown tables of a page read it; once per request.
export const fetchBreakdown = cache(async (companyId: string, to: string) => exposureBreakdown(getDb(), { companyId, day: to }, readOncePerPage));

export const fetchChanges = cache(async (companyId: string, to: string) => biggestChanges(getDb(), { companyId, to }, readOncePerPage));

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
