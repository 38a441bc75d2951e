import { createHash } from 'node:crypto';
import { asc } from 'drizzle-orm';
import { z } from 'zod';
import { prepared, type Db } from '../../db';
import { customCompanies } from '../../db/schema';
import { SEGMENTS, type Company, type Gazetteer } from './gazetteer';

export class CustomCompanyError extends Error {}

export const customCompanyInput = z.object({
  name: z.string().trim().min(2, 'give the company’s name').max(100, 'keep the name under 100 characters'),
  aliases: z.array(z.string().trim().min(3, 'each alias needs at least 3 characters').max(100)).max(20, 'at most 20 aliases'),
  hq: z.string().trim().toUpperCase().regex(/^[A-Z]{2}$/, 'headquarters must be an ISO country code such as "DE"'),
  sites: z.array(z.string().trim().toUpperCase().regex(/^[A-Z]{2}$/, 'sites must be ISO country codes such as "MY"')).max(30),
  segment: z.enum(SEGMENTS),
});
export type CustomCompanyInput = z.infer<typeof customCompanyInput>;

/** The companies analysts added, in the gazetteer's shape. */
export function loadCustomCompanies(db: Db): Company[] {
  return db
    .select()
    .from(customCompanies)
    .orderBy(asc(customCompanies.createdAt))
    .all()
    .map((c) => ({ id: c.id, name: c.name, segment: c.segment as Company['segment'], aliases: c.aliases, weakAliases: [], blockers: [], hq: c.hq, sites: c.sites }));
}

/** A short fingerprint of the custom companies: part of the tagger version, and how a process notices a change. */
export function customCompaniesFingerprint(db: Db): string {
  // Read for every document an ingest stores (tagger-instance.ts): prepared once per connection.
  const rows = prepared(db, 'SELECT id, aliases, hq, sites FROM custom_companies ORDER BY id').all();
  return rows.length ? createHash('sha1').update(JSON.stringify(rows)).digest('hex').slice(0, 8) : '';
}

/**
 * Adds a company for a supplier the gazetteer lacks. Refused, with the reason, when its id or one of
 * its names is already another company's (the tagger could not tell them apart), or a country code
 * is unknown. Returns the new company's id.
 */
export function addCustomCompany(db: Db, gazetteer: Gazetteer, input: CustomCompanyInput, now = new Date()): string {
  const id = slugOf(input.name);
  if (!id) throw new CustomCompanyError('the name needs letters or digits');
  if (gazetteer.companyById.has(id)) throw new CustomCompanyError(`"${input.name}" is already in the gazetteer as ${gazetteer.companyById.get(id)!.name} (${id})`);
  for (const code of [input.hq, ...input.sites]) {
    if (!gazetteer.countryByCode.has(code)) throw new CustomCompanyError(`unknown country code "${code}"`);
  }
  const names = [...new Set([input.name, ...input.aliases])];
  const taken = new Map<string, string>();
  for (const c of gazetteer.companies) for (const n of [c.name, ...c.aliases, ...c.weakAliases]) taken.set(n, c.name);
  for (const n of names) {
    if (taken.has(n)) throw new CustomCompanyError(`"${n}" already names ${taken.get(n)}: choose a name that tells them apart`);
  }
  db.insert(customCompanies)
    .values({ id, name: input.name, segment: input.segment, aliases: names, hq: input.hq, sites: [...new Set(input.sites)], createdAt: now })
    .run();
  return id;
}

function slugOf(name: string): string {
  return name
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
}
