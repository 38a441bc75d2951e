import type { LedgerRow } from './ledger';

export interface BreakdownPart {
  /** A country code, NO_COUNTRY for events naming no country, or an event type. */
  key: string;
  /** Score points: the parts of a breakdown sum to the score. */
  contribution: number;
  /** Ledger rows counted here (a row split over several countries counts in each). */
  rows: number;
}

export const NO_COUNTRY = '';

type Row = Pick<LedgerRow, 'eventId' | 'eventType' | 'route' | 'country' | 'contribution'>;

/**
 * A ledger's contributions grouped by country and by event type. A row that reached the company
 * through a country counts under that country; a row where the company is named is split equally
 * over the countries the event names (the Micron ban goes to China), or under NO_COUNTRY. Both
 * groupings keep every point, so each sums to the score. Needs every row of the ledger, not a
 * capped list: the exposure job runs it on the full ledger and stores the result.
 */
export function breakdownOf(rows: Iterable<Row>, countriesOf: (eventId: number) => readonly string[]): { byCountry: BreakdownPart[]; byType: BreakdownPart[] } {
  const countries = new Map<string, BreakdownPart>();
  const types = new Map<string, BreakdownPart>();
  const add = (map: Map<string, BreakdownPart>, key: string, points: number) => {
    const part = map.get(key) ?? { key, contribution: 0, rows: 0 };
    part.contribution += points;
    part.rows += 1;
    map.set(key, part);
  };
  for (const r of rows) {
    add(types, r.eventType, r.contribution);
    const over = r.route === 'country' && r.country ? [r.country] : countriesOf(r.eventId);
    if (over.length === 0) add(countries, NO_COUNTRY, r.contribution);
    for (const code of over) add(countries, code, r.contribution / over.length);
  }
  const order = (a: BreakdownPart, b: BreakdownPart) => b.contribution - a.contribution || a.key.localeCompare(b.key, 'en');
  return { byCountry: [...countries.values()].sort(order), byType: [...types.values()].sort(order) };
}
