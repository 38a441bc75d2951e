/**
 * Every number the exposure score uses, in one place; docs/exposure.md explains each one and works
 * through an example. Change a value here and run `exposure rebuild`.
 */
import type { EventType } from '../tagging/rules';

/** Risk weight of one event of each type, on a Goldstein-like 0–10 scale. Investment is support, not risk. */
export const TYPE_WEIGHT: Record<EventType, number> = {
  sanction: 8,
  'export-control': 7,
  'import-ban': 7,
  'supply-disruption': 6,
  tariff: 5,
  antitrust: 5,
  'investment-screening': 4,
  'regulatory-probe': 4,
  diplomatic: 3,
  other: 1,
  investment: 0,
};

/** Days for an event's weight to halve: statements fade in weeks, controls and blacklists over months. */
export const HALF_LIFE_DAYS: Record<EventType, number> = {
  diplomatic: 14,
  other: 14,
  'supply-disruption': 30,
  'regulatory-probe': 45,
  antitrust: 60,
  investment: 90,
  'investment-screening': 90,
  tariff: 120,
  'export-control': 180,
  'import-ban': 180,
  sanction: 240,
};

/** A contribution whose decay factor falls below this leaves the ledger (about 4.3 half-lives). */
export const DECAY_CUTOFF = 0.05;

/** How strongly an event reaches a company, by route. Being named outweighs sharing a country. */
export const ROUTE_WEIGHT = {
  title: 1,
  body: 0.6,
} as const;

/**
 * Reaching a company through a country the event names, by the company's presence there: its
 * headquarters, its fabs or major sites, or its share of sales in that country (scaled by the share).
 * The strongest presence among the event's countries is the one used.
 */
export const PRESENCE_WEIGHT = {
  headquarters: 0.3,
  site: 0.15,
  // Multiplied by the share (0–1): a company with 40% of its sales in China gets 0.5 × 0.4 = 0.2.
  salesPerShare: 0.5,
} as const;

/** A blacklisting mostly hits the parties it names; others in the same country feel a fraction of it. */
export const COUNTRY_ROUTE_TYPE_FACTOR: Partial<Record<EventType, number>> = {
  sanction: 0.3,
  'regulatory-probe': 0.3,
  antitrust: 0.3,
};

/** Confidence by how many feeds carried the story: corroborated reports count fully. */
export function confidenceOf(sources: number): number {
  return sources >= 3 ? 1 : sources === 2 ? 0.9 : 0.75;
}

/**
 * The saturating map from the raw ledger sum to 0–100: score = 100 × (1 − e^(−raw / scale)).
 * A raw sum equal to the scale gives 63; twice the scale gives 86. Chosen so one fresh sanction
 * naming a company in a title (8 × severity 0.9 × confidence 0.75 ≈ 5.4) gives about 30.
 */
export const COMPANY_SCALE = 15;
export const COUNTRY_SCALE = 40;

/** Weight of an investment event in the support figure, which is shown beside risk and never subtracted from it. */
export const SUPPORT_WEIGHT = 5;
