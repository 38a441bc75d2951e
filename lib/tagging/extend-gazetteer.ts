import type { Company, Gazetteer } from './gazetteer';

/**
 * The bundled gazetteer plus companies analysts added; the hash covers both, so the tagger version
 * shows the change. Apart from gazetteer.ts, which validates the files with zod: the document
 * worker builds its tagger with this alone and does not load zod (document-preparer.ts).
 */
export function withExtraCompanies(base: Gazetteer, extra: Company[], extraHash: string): Gazetteer {
  if (extra.length === 0) return base;
  const companies = [...base.companies, ...extra.filter((c) => !base.companyById.has(c.id))];
  return { ...base, companies, companyById: new Map(companies.map((c) => [c.id, c])), hash: `${base.hash}+${extraHash}` };
}
