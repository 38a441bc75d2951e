import { getGazetteerFor } from '../tagging/tagger-instance';
import type { Db } from '../../db';
import { presenceOf } from '../exposure/load-events';
import { presenceIn, type Presence } from '../exposure/model';
import { scoresOn } from './company-scores';

export interface ExposedCompany {
  id: string;
  name: string;
  segment: string;
  /** How the company is present in each of the place's countries; events there reach it by this route. */
  presences: { country: string; presence: Presence; share: number | null }[];
  /** The company's overall score on the day (from every route, not only this place). */
  score: number;
}

/**
 * Companies an event in these countries would reach through the country route: those with their
 * headquarters, a site, or a share of sales there. Highest score first.
 */
export function exposedCompanies(db: Db, params: { countries: string[]; day: string }): ExposedCompany[] {
  const found: Omit<ExposedCompany, 'score'>[] = [];
  for (const company of getGazetteerFor(db).companies) {
    const presence = presenceOf(company);
    const presences = params.countries.flatMap((country) => {
      const p = presenceIn(presence, country);
      return p ? [{ country, presence: p.presence, share: p.presence === 'sales' ? (presence.salesShare[country] ?? null) : null }] : [];
    });
    if (presences.length) found.push({ id: company.id, name: company.name, segment: company.segment, presences });
  }
  const scores = scoresOn(db, { companyIds: found.map((c) => c.id), days: [params.day] });
  return found
    .map((c) => ({ ...c, score: scores.get(c.id)?.get(params.day) ?? 0 }))
    .sort((a, b) => b.score - a.score || a.name.localeCompare(b.name, 'en'));
}
