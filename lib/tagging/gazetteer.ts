import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

/** The gazetteer files in data/: who and where the tagger can recognise. Validated on load. */
export const DATA_DIR = path.resolve(process.cwd(), 'data');

export const SEGMENTS = [
  'foundry', 'idm', 'memory', 'fabless', 'equipment', 'materials', 'eda', 'osat', 'ip',
  'buyer-tech', 'buyer-auto', 'buyer-other', 'minerals',
] as const;
export type Segment = (typeof SEGMENTS)[number];

const isoCode = z.string().regex(/^[A-Z]{2}$/, 'ISO 3166 alpha-2 code');

const companySchema = z.object({
  id: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'lowercase slug'),
  name: z.string().min(1),
  segment: z.enum(SEGMENTS),
  aliases: z.array(z.string().min(1)).min(1),
  weakAliases: z.array(z.string().min(1)).default([]),
  blockers: z.array(z.string().min(1)).default([]),
  hq: isoCode,
  sites: z.array(isoCode).default([]),
  revenueShare: z.record(z.string(), z.union([z.number().min(0).max(1), z.string()])).optional(),
});
export type Company = z.infer<typeof companySchema>;

const countrySchema = z.object({
  code: isoCode,
  name: z.string().min(1),
  names: z.array(z.string().min(1)).default([]),
  demonyms: z.array(z.string().min(1)).default([]),
  capitals: z.array(z.string().min(1)).default([]),
  bodies: z.array(z.string().min(1)).default([]),
  places: z.array(z.string().min(1)).default([]),
  blockers: z.array(z.string().min(1)).default([]),
  ambiguousNames: z.array(z.string().min(1)).default([]),
});
export type Country = z.infer<typeof countrySchema>;

const regionSchema = z.object({ id: z.string().min(1), name: z.string().min(1), countries: z.array(isoCode) });
export type Region = z.infer<typeof regionSchema>;

export interface Gazetteer {
  companies: Company[];
  countries: Country[];
  regions: Region[];
  companyById: Map<string, Company>;
  countryByCode: Map<string, Country>;
  /** Short hash of the data files: part of the tagger version, so a gazetteer change is visible on every item. */
  hash: string;
}

export class GazetteerError extends Error {}

function readJson<T>(file: string, schema: z.ZodType<T>): T {
  let raw: unknown;
  try {
    // The gazetteer is read at run time from data/; the comment stops Next's file tracer following it into the whole project.
    raw = JSON.parse(fs.readFileSync(/* turbopackIgnore: true */ file, 'utf8'));
  } catch (err) {
    throw new GazetteerError(`cannot read ${path.relative(process.cwd(), file)}: ${err instanceof Error ? err.message : String(err)}`);
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new GazetteerError(`invalid ${path.relative(process.cwd(), file)} at ${issue.path.join('.')}: ${issue.message}`);
  }
  return parsed.data;
}

export function loadGazetteer(dir = DATA_DIR): Gazetteer {
  const files = ['companies.json', 'countries.json', 'regions.json'].map((f) => path.join(dir, f));
  const { companies } = readJson(files[0], z.object({ companies: z.array(companySchema) }));
  const { countries } = readJson(files[1], z.object({ countries: z.array(countrySchema) }));
  const { regions } = readJson(files[2], z.object({ regions: z.array(regionSchema) }));
  const hash = createHash('sha1');
  for (const file of files) hash.update(fs.readFileSync(/* turbopackIgnore: true */ file));
  return {
    companies,
    countries,
    regions,
    companyById: new Map(companies.map((c) => [c.id, c])),
    countryByCode: new Map(countries.map((c) => [c.code, c])),
    hash: hash.digest('hex').slice(0, 8),
  };
}

let cached: Gazetteer | undefined;

/** The gazetteer of this process, loaded once. */
export function getGazetteer(): Gazetteer {
  cached ??= loadGazetteer();
  return cached;
}
