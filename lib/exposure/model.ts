import type { EventType } from '../tagging/rules';
import {
  confidenceOf,
  COUNTRY_ROUTE_TYPE_FACTOR,
  DECAY_CUTOFF,
  HALF_LIFE_DAYS,
  PRESENCE_WEIGHT,
  ROUTE_WEIGHT,
  SUPPORT_WEIGHT,
  TYPE_WEIGHT,
} from './parameters';

/** An event as the model sees it: a story cluster with its type, strength and who and where it names. */
export interface ExposureEvent {
  id: number;
  /** Days since the epoch (UTC) of the first report. */
  day: number;
  eventType: EventType;
  severity: number;
  sources: number;
  title: string;
  /** Companies the event names, and whether in a title or only in a body. */
  companies: ReadonlyMap<string, 'title' | 'body'>;
  countries: readonly string[];
}

/** Where a company is, for reaching it through a country. */
export interface CompanyPresence {
  id: string;
  hq: string;
  sites: readonly string[];
  /** Share of sales by country, 0–1. */
  salesShare: Readonly<Record<string, number>>;
}

export type Presence = 'headquarters' | 'site' | 'sales';

export interface Route {
  route: 'title' | 'body' | 'country';
  /** For the country route: the event's country that reached the company, and how the company is there. */
  country?: string;
  presence?: Presence;
  weight: number;
}

/** How an event reaches a company, or null when it does not. Being named wins over any country. */
export function routeOf(company: CompanyPresence, event: ExposureEvent): Route | null {
  const named = event.companies.get(company.id);
  if (named) return { route: named, weight: ROUTE_WEIGHT[named] };
  let best: Route | null = null;
  for (const country of event.countries) {
    const presence = presenceIn(company, country);
    if (presence && (!best || presence.weight > best.weight)) best = { route: 'country', country, ...presence };
  }
  if (!best) return null;
  return { ...best, weight: best.weight * (COUNTRY_ROUTE_TYPE_FACTOR[event.eventType] ?? 1) };
}

/** The company's strongest presence in one country: headquarters, a site, or a share of sales. */
export function presenceIn(company: CompanyPresence, country: string): { presence: Presence; weight: number } | null {
  const options: { presence: Presence; weight: number }[] = [];
  if (company.hq === country) options.push({ presence: 'headquarters', weight: PRESENCE_WEIGHT.headquarters });
  if (company.sites.includes(country)) options.push({ presence: 'site', weight: PRESENCE_WEIGHT.site });
  const share = company.salesShare[country];
  if (share) options.push({ presence: 'sales', weight: PRESENCE_WEIGHT.salesPerShare * share });
  return options.reduce<{ presence: Presence; weight: number } | null>((a, b) => (a && a.weight >= b.weight ? a : b), null);
}

/** The oldest age, in days, at which an event of this type still counts (its decay ≥ the cutoff). */
export function horizonDays(type: EventType): number {
  return Math.floor(HALF_LIFE_DAYS[type] * Math.log2(1 / DECAY_CUTOFF));
}

/** The time-decay factor of an event `ageDays` old: halves every half-life, 0 past the horizon or before the event. */
export function decayFactor(type: EventType, ageDays: number): number {
  if (ageDays < 0 || ageDays > horizonDays(type)) return 0;
  return 0.5 ** (ageDays / HALF_LIFE_DAYS[type]);
}

/** An event's own weight before route and decay: type weight × severity × confidence. */
export function eventWeight(event: Pick<ExposureEvent, 'eventType' | 'severity' | 'sources'>): { typeWeight: number; confidence: number; weight: number } {
  const typeWeight = event.eventType === 'investment' ? SUPPORT_WEIGHT : TYPE_WEIGHT[event.eventType];
  const confidence = confidenceOf(event.sources);
  return { typeWeight, confidence, weight: typeWeight * event.severity * confidence };
}

/** The saturating map from a raw ledger sum to 0–100. */
export function saturate(raw: number, scale: number): number {
  return 100 * (1 - Math.exp(-Math.max(0, raw) / scale));
}
