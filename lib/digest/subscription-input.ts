import { z } from 'zod';
import { DIGEST_CADENCES } from '../../db/schema';
import type { Gazetteer } from '../tagging/gazetteer';
import { EVENT_TYPES } from '../tagging/rules';
import { SubscriptionInputError } from './subscription-error';
import { canonicalTimeZone } from './time-zone';

export { SubscriptionInputError };

/**
 * What a subscriber chooses, validated once for the CLI and the /digests form: an unknown company,
 * country, region, type or time zone, a malformed address or an impossible hour is refused with a
 * message naming the field, before anything is written.
 */
export interface SubscriptionInput {
  email: string;
  cadence: (typeof DIGEST_CADENCES)[number];
  hour: number;
  weekday: number;
  timeZone: string;
  companies: string[];
  useWatchlist: boolean;
  countries: string[];
  region: string | null;
  eventTypes: string[];
  minSeverity: number | null;
  sendWhenEmpty: boolean;
  alertScoreRise: number | null;
  alertMinSeverity: number | null;
}

/** The raw values as a form or the CLI hands them over: strings, lists of strings, flags. */
export interface RawSubscriptionInput {
  email?: string;
  cadence?: string;
  hour?: string;
  weekday?: string;
  timeZone?: string;
  companies?: string[];
  useWatchlist?: boolean;
  countries?: string[];
  region?: string;
  eventTypes?: string[];
  minSeverity?: string;
  sendWhenEmpty?: boolean;
  alertScoreRise?: string;
  alertMinSeverity?: string;
}

export type SubscriptionField = keyof SubscriptionInput;

// Deliberately plain: one @, no spaces or characters that would break a header, a dot in the domain.
const EMAIL = /^[^\s@<>()[\]",;:\\]+@[^\s@<>()[\]",;:\\]+\.[^\s@<>()[\]",;:\\.]{2,}$/;

const optionalNumber = (min: number, max: number, what: string) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v === '') return null;
      const n = Number(v);
      if (!/^\d+(\.\d+)?$/.test(v) || n < min || n > max) {
        ctx.addIssue({ code: 'custom', message: `${what} must be a number from ${min} to ${max}, got ${JSON.stringify(v)}` });
        return z.NEVER;
      }
      return n;
    });

function schema(g: Gazetteer) {
  const list = (norm: (v: string) => string, known: (v: string) => boolean, what: string, hint: string) =>
    z
      .array(z.string())
      .default([])
      .transform((values) => [...new Set(values.flatMap((v) => v.split(',')).map((v) => norm(v.trim())).filter(Boolean))])
      .pipe(z.array(z.string().refine(known, { error: (iss) => `unknown ${what} ${JSON.stringify(iss.input)}: ${hint}` })).max(100, `at most 100 ${what} values`));
  return z.object({
    email: z
      .string({ error: 'enter an email address' })
      .trim()
      .toLowerCase()
      .max(254, 'that address is too long')
      .refine((v) => EMAIL.test(v), { error: (iss) => `not an email address: ${JSON.stringify(iss.input)}` }),
    cadence: z.enum(DIGEST_CADENCES, { error: 'cadence must be daily or weekly' }).default('daily'),
    hour: z
      .string()
      .trim()
      .default('8')
      .refine((v) => /^\d{1,2}$/.test(v) && Number(v) <= 23, { error: (iss) => `hour must be a whole hour from 0 to 23, got ${JSON.stringify(iss.input)}` })
      .transform(Number),
    weekday: z
      .string()
      .trim()
      .default('1')
      .refine((v) => /^[1-7]$/.test(v), { error: (iss) => `weekday must be 1 (Monday) to 7 (Sunday), got ${JSON.stringify(iss.input)}` })
      .transform(Number),
    timeZone: z
      .string()
      .trim()
      .default('UTC')
      .transform((v, ctx) => {
        const zone = canonicalTimeZone(v);
        if (!zone) {
          ctx.addIssue({ code: 'custom', message: `unknown time zone ${JSON.stringify(v)}: use an IANA name such as Europe/Amsterdam or America/New_York` });
          return z.NEVER;
        }
        return zone;
      }),
    companies: list((v) => v.toLowerCase(), (v) => g.companyById.has(v), 'company', 'use a company id such as "micron" (see the Companies page)'),
    useWatchlist: z.boolean().default(false),
    countries: list((v) => v.toUpperCase(), (v) => g.countryByCode.has(v), 'country', 'use an ISO 3166 alpha-2 code such as "CN", or "EU"'),
    region: z
      .string()
      .trim()
      .optional()
      .transform((v) => v || null)
      .refine((v) => v === null || g.regions.some((r) => r.id === v), {
        error: (iss) => `unknown region ${JSON.stringify(iss.input)}: use one of ${g.regions.map((r) => r.id).join(', ')}`,
      }),
    eventTypes: list((v) => v.toLowerCase(), (v) => (EVENT_TYPES as readonly string[]).includes(v), 'event type', `use one of ${EVENT_TYPES.join(', ')}`),
    minSeverity: optionalNumber(0, 1, 'minimum severity'),
    sendWhenEmpty: z.boolean().default(false),
    alertScoreRise: optionalNumber(0, 100, 'the score rise that triggers an alert'),
    alertMinSeverity: optionalNumber(0, 1, 'the severity that triggers an alert'),
  });
}

/** Validates a subscriber's choices; throws SubscriptionInputError naming the first bad field. */
export function parseSubscriptionInput(raw: RawSubscriptionInput, gazetteer: Gazetteer): SubscriptionInput {
  const parsed = schema(gazetteer).safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new SubscriptionInputError((issue.path[0] as SubscriptionField | undefined) ?? 'subscription', issue.message);
  }
  return parsed.data;
}

/** Every bad field at once, for a form that highlights each. */
export function subscriptionFieldErrors(raw: RawSubscriptionInput, gazetteer: Gazetteer): { ok: true; input: SubscriptionInput } | { ok: false; errors: Partial<Record<SubscriptionField, string>> } {
  const parsed = schema(gazetteer).safeParse(raw);
  if (parsed.success) return { ok: true, input: parsed.data };
  const errors: Partial<Record<SubscriptionField, string>> = {};
  for (const issue of parsed.error.issues) errors[issue.path[0] as SubscriptionField] ??= issue.message;
  return { ok: false, errors };
}
