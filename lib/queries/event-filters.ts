import { z } from 'zod';
import { EVENT_TYPES, type EventType } from '../tagging/rules';
import { getGazetteer, type Gazetteer } from '../tagging/gazetteer';
import { CursorError, decodeCursor, EVENT_SORTS, type CursorKey, type EventSort } from './event-cursor';
import { toFtsQuery } from './fts-query';

/**
 * The events explorer's filters, validated in one place for the page, the JSON API and the CSV
 * export, so a link means the same thing in all three. Query-string names:
 *
 *   company, country (repeatable, or comma-separated), region, type (repeatable), minSeverity,
 *   from, to (YYYY-MM-DD, UTC days, both inclusive), q, relevant (only | all), sort, limit, cursor
 *
 * Empty values count as absent: a GET form submits every field, filled or not.
 */
export interface EventFilters {
  companies: string[];
  countries: string[];
  region: string | null;
  types: EventType[];
  minSeverity: number | null;
  from: string | null;
  to: string | null;
  /** What the user typed, trimmed; `ftsQuery` is the safe MATCH expression made from it. */
  q: string | null;
  ftsQuery: string | null;
  relevantOnly: boolean;
  sort: EventSort;
  limit: number;
  cursor: CursorKey | null;
}

export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 200;

export class EventFilterError extends Error {
  constructor(
    readonly param: string,
    message: string,
  ) {
    super(`${param}: ${message}`);
    this.name = 'EventFilterError';
  }
}

export type RawParams = URLSearchParams | Record<string, string | string[] | undefined>;

const REPEATABLE = ['company', 'country', 'type'] as const;
const SINGLE = ['region', 'minSeverity', 'from', 'to', 'q', 'relevant', 'sort', 'limit', 'cursor'] as const;

const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date like 2023-05-21')
  .refine((v) => {
    // Checks run on after a failed regex: a value that is no date at all must not throw here.
    const date = new Date(`${v}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(v);
  }, 'is not a calendar date');

function schema(g: Gazetteer) {
  const list = (norm: (v: string) => string, known: (v: string) => boolean, what: string, hint: string) =>
    z
      .array(z.string())
      .transform((values) => [...new Set(values.flatMap((v) => v.split(',')).map((v) => norm(v.trim())).filter(Boolean))])
      .pipe(
        z
          .array(z.string().refine(known, { error: (iss) => `unknown ${what} ${JSON.stringify(iss.input)}: ${hint}` }))
          .max(50, `at most 50 values`),
      );
  return z.object({
    company: list((v) => v.toLowerCase(), (v) => g.companyById.has(v), 'company', 'use a company id from data/companies.json, such as "micron"'),
    country: list((v) => v.toUpperCase(), (v) => g.countryByCode.has(v), 'country', 'use an ISO 3166 alpha-2 code such as "CN", or "EU"'),
    type: list(
      (v) => v.toLowerCase(),
      (v) => (EVENT_TYPES as readonly string[]).includes(v),
      'event type',
      `use one of ${EVENT_TYPES.join(', ')}`,
    ),
    region: z
      .string()
      .refine((v) => g.regions.some((r) => r.id === v), {
        error: (iss) => `unknown region ${JSON.stringify(iss.input)}: use an id from data/regions.json, such as "east-asia"`,
      })
      .optional(),
    minSeverity: z.coerce.number({ error: 'must be a number from 0 to 1' }).min(0, 'must be from 0 to 1').max(1, 'must be from 0 to 1').optional(),
    from: day.optional(),
    to: day.optional(),
    q: z.string().max(200, 'at most 200 characters').optional(),
    relevant: z.enum(['only', 'all'], { error: 'must be "only" (the default) or "all"' }).optional(),
    sort: z.enum(EVENT_SORTS, { error: `must be one of ${EVENT_SORTS.join(', ')}` }).optional(),
    limit: z
      .string()
      .regex(/^\d+$/, `must be a whole number from 1 to ${MAX_LIMIT}`)
      .transform(Number)
      .pipe(z.number().min(1, `must be from 1 to ${MAX_LIMIT}`).max(MAX_LIMIT, `must be from 1 to ${MAX_LIMIT}`))
      .optional(),
    cursor: z.string().optional(),
  });
}

/** Collects the raw values per name, dropping empty ones; a single-valued name given twice is an error. */
function collect(input: RawParams): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  const add = (key: string, value: string) => {
    if (value.trim() === '') return;
    (out[key] ??= []).push(value);
  };
  if (input instanceof URLSearchParams) for (const [key, value] of input) add(key, value);
  else for (const [key, value] of Object.entries(input)) for (const v of Array.isArray(value) ? value : value === undefined ? [] : [value]) add(key, v);
  return out;
}

/** Validates explorer filters; throws EventFilterError naming the parameter and what is wrong with it. */
/** `gazetteer`: the database's (getGazetteerFor), so companies analysts added are known filters too. */
export function parseEventFilters(input: RawParams, gazetteer: Gazetteer = getGazetteer()): EventFilters {
  const raw = collect(input);
  const shaped: Record<string, unknown> = {};
  for (const key of REPEATABLE) shaped[key] = raw[key] ?? [];
  for (const key of SINGLE) {
    const values = raw[key];
    if (!values) continue;
    if (values.length > 1) throw new EventFilterError(key, 'given more than once');
    shaped[key] = key === 'q' ? values[0].trim() : values[0];
  }
  const parsed = schema(gazetteer).safeParse(shaped);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new EventFilterError(String(issue.path[0] ?? 'filters'), issue.message);
  }
  const p = parsed.data;
  if (p.from && p.to && p.from > p.to) throw new EventFilterError('from', `${p.from} is after to=${p.to}`);
  const q = p.q || null;
  const ftsQuery = q ? toFtsQuery(q) : null;
  // Newest first even with a query: ranking every match of a common word by relevance reads the
  // whole doclist (seconds on a million items), while newest-first stops after a page.
  const sort = p.sort ?? 'newest';
  if (sort === 'relevance' && !ftsQuery) throw new EventFilterError('sort', 'relevance needs a search query (q) with at least one word');
  let cursor: CursorKey | null = null;
  if (p.cursor) {
    try {
      cursor = decodeCursor(p.cursor, sort);
    } catch (err) {
      if (err instanceof CursorError) throw new EventFilterError('cursor', err.message);
      throw err;
    }
  }
  return {
    companies: p.company,
    countries: p.country,
    region: p.region ?? null,
    types: p.type as EventType[],
    minSeverity: p.minSeverity ?? null,
    from: p.from ?? null,
    to: p.to ?? null,
    q,
    ftsQuery,
    relevantOnly: p.relevant !== 'all',
    sort,
    limit: p.limit ?? DEFAULT_LIMIT,
    cursor,
  };
}

/** Either the filters or the reason they were refused, for callers that show the message (the page). */
export function safeParseEventFilters(input: RawParams, gazetteer?: Gazetteer): { ok: true; filters: EventFilters } | { ok: false; error: EventFilterError } {
  try {
    return { ok: true, filters: parseEventFilters(input, gazetteer) };
  } catch (err) {
    if (err instanceof EventFilterError) return { ok: false, error: err };
    throw err;
  }
}

/**
 * The query string for filters (without the cursor unless given): how the page builds its "next
 * page" link and its CSV and API links, so every view stays a shareable URL. Defaults are left out.
 */
export function eventFiltersToParams(f: EventFilters, extra: { cursor?: string | null; sort?: EventSort | null } = {}): URLSearchParams {
  const params = new URLSearchParams();
  for (const c of f.companies) params.append('company', c);
  for (const c of f.countries) params.append('country', c);
  if (f.region) params.set('region', f.region);
  for (const t of f.types) params.append('type', t);
  if (f.minSeverity !== null) params.set('minSeverity', String(f.minSeverity));
  if (f.from) params.set('from', f.from);
  if (f.to) params.set('to', f.to);
  if (f.q) params.set('q', f.q);
  if (!f.relevantOnly) params.set('relevant', 'all');
  const sort = extra.sort === undefined ? f.sort : extra.sort;
  if (sort && sort !== 'newest') params.set('sort', sort);
  if (f.limit !== DEFAULT_LIMIT) params.set('limit', String(f.limit));
  if (extra.cursor) params.set('cursor', extra.cursor);
  return params;
}
