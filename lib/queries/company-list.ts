import { getGazetteerFor } from '../tagging/tagger-instance';
import type { Db } from '../../db';
import type { Company } from '../tagging/gazetteer';
import { scoreSeries, scoresOn } from './company-scores';
import { daysBefore } from './date-range';
import { latestExposureDay } from './company-exposure';

export const COMPANY_SORTS = ['score', 'change', 'name', 'segment'] as const;
export type CompanySort = (typeof COMPANY_SORTS)[number];
export type SortDirection = 'asc' | 'desc';

/** Scores are ranked highest first, names and segments A to Z, unless a direction is given. */
export const DEFAULT_DIRECTION: Record<CompanySort, SortDirection> = { score: 'desc', change: 'desc', name: 'asc', segment: 'asc' };
export const CHANGE_DAYS = 30;
export const SPARKLINE_DAYS = 90;

export interface CompanyListRow {
  id: string;
  name: string;
  segment: string;
  hq: string;
  /** Score on the list's day (the latest computed day). */
  score: number;
  /** Score on the list's day minus the score 30 days before it, in points. */
  change: number;
  /** One score per day for the 90 days up to the list's day, oldest first. */
  sparkline: number[];
}

export interface CompanyList {
  /** The day "now" means: the latest day the exposure job has computed. */
  day: string;
  rows: CompanyListRow[];
  /** Companies matching the search, over all pages. */
  total: number;
  page: number;
  pageCount: number;
}

export interface CompanyListParams {
  q?: string;
  /** Only these companies (the watchlist). */
  ids?: string[];
  sort?: CompanySort;
  dir?: SortDirection;
  /** 1-based. */
  page?: number;
  pageSize?: number;
}

/**
 * The gazetteer's companies with today's score, 30-day change and a 90-day sparkline. Companies
 * live in data/companies.json, so search and sort run in memory over ~200 entries; the database
 * is read on its primary key: two days for every company, 90 days for the page shown.
 */
export function listCompanies(db: Db, params: CompanyListParams = {}): CompanyList {
  const day = latestExposureDay(db);
  const before = daysBefore(day, CHANGE_DAYS);
  const only = params.ids ? new Set(params.ids) : null;
  const matching = getGazetteerFor(db).companies.filter((c) => (!only || only.has(c.id)) && matcher(params.q ?? '')(c));
  const ids = matching.map((c) => c.id);
  const scores = scoresOn(db, { companyIds: ids, days: [day, before] });
  const rows = matching.map((c) => {
    const score = scores.get(c.id)?.get(day) ?? 0;
    return { id: c.id, name: c.name, segment: c.segment, hq: c.hq, score, change: score - (scores.get(c.id)?.get(before) ?? 0) };
  });
  const sort = params.sort ?? 'score';
  rows.sort(comparator(sort, params.dir ?? DEFAULT_DIRECTION[sort]));

  const pageSize = params.pageSize ?? 50;
  const pageCount = Math.max(1, Math.ceil(rows.length / pageSize));
  const page = Math.min(Math.max(1, params.page ?? 1), pageCount);
  const shown = rows.slice((page - 1) * pageSize, page * pageSize);
  const series = scoreSeries(db, { companyIds: shown.map((r) => r.id), from: daysBefore(day, SPARKLINE_DAYS - 1), to: day });
  return {
    day,
    rows: shown.map((r) => ({ ...r, sparkline: series.get(r.id) ?? [] })),
    total: rows.length,
    page,
    pageCount,
  };
}

/** Case- and width-insensitive substring match on id, name and aliases ("美光" finds Micron). */
function matcher(q: string): (c: Company) => boolean {
  const needle = fold(q.trim());
  if (!needle) return () => true;
  return (c) => [c.id, c.name, ...c.aliases, ...c.weakAliases].some((s) => fold(s).includes(needle));
}

function fold(s: string): string {
  return s.normalize('NFKC').toLocaleLowerCase('en');
}

type Row = Omit<CompanyListRow, 'sparkline'>;

/** Ties fall back to the highest score, then the name, so the order is stable across requests. */
function comparator(sort: CompanySort, dir: SortDirection): (a: Row, b: Row) => number {
  const sign = dir === 'asc' ? 1 : -1;
  const key: (a: Row, b: Row) => number =
    sort === 'score' ? (a, b) => a.score - b.score
    : sort === 'change' ? (a, b) => a.change - b.change
    : sort === 'name' ? (a, b) => a.name.localeCompare(b.name, 'en')
    : (a, b) => a.segment.localeCompare(b.segment, 'en');
  return (a, b) => sign * key(a, b) || b.score - a.score || a.name.localeCompare(b.name, 'en');
}
