import { getGazetteerFor } from '../tagging/tagger-instance';
import type { Db } from '../../db';
import { getGazetteer, type Company } from '../tagging/gazetteer';

/*
 * Names of countries and regions from the gazetteer (data/countries.json, data/regions.json), for
 * pages that show codes. Pure lookups: no database.
 */

export function countryName(code: string): string {
  return getGazetteer().countryByCode.get(code)?.name ?? code;
}

export function countryInfo(code: string): { code: string; name: string } | null {
  const country = getGazetteer().countryByCode.get(code);
  return country ? { code: country.code, name: country.name } : null;
}

export interface RegionInfo {
  id: string;
  name: string;
  countries: { code: string; name: string }[];
}

export function regionInfo(id: string): RegionInfo | null {
  const region = getGazetteer().regions.find((r) => r.id === id);
  if (!region) return null;
  return { id: region.id, name: region.name, countries: region.countries.map((code) => ({ code, name: countryName(code) })) };
}

/** The regions a country belongs to, for links from its page. */
export function regionsOf(code: string): { id: string; name: string }[] {
  return getGazetteer()
    .regions.filter((r) => r.countries.includes(code))
    .map((r) => ({ id: r.id, name: r.name }));
}

export interface CompanyProfile {
  id: string;
  name: string;
  segment: string;
  hq: { code: string; name: string };
  sites: { code: string; name: string }[];
  /** Share of sales by country (0–1), largest first, and where the figures come from. */
  salesShares: { code: string; name: string; share: number }[];
  salesSource: string | null;
  aliases: string[];
}

export function companyProfile(db: Db, id: string): CompanyProfile | null {
  const company: Company | undefined = getGazetteerFor(db).companyById.get(id);
  if (!company) return null;
  const place = (code: string) => ({ code, name: countryName(code) });
  const shares = Object.entries(company.revenueShare ?? {}).flatMap(([code, share]) => (typeof share === 'number' ? [{ ...place(code), share }] : []));
  const source = company.revenueShare?.source;
  return {
    id: company.id,
    name: company.name,
    segment: company.segment,
    hq: place(company.hq),
    sites: company.sites.map(place),
    salesShares: shares.sort((a, b) => b.share - a.share),
    salesSource: typeof source === 'string' ? source : null,
    aliases: company.aliases,
  };
}
