import type { Db } from '../../db';
import type { LedgerRow } from '../exposure/ledger';
import { entitiesOf } from './event-rows';
import { countryName } from './places';

export interface BreakdownRow {
  /** A country code, '' for events naming no country, or an event type. */
  key: string;
  label: string;
  /** Score points: the rows of a breakdown sum to the score. */
  contribution: number;
  /** Ledger rows counted here (a row split over several countries counts in each). */
  rows: number;
}

export interface ExposureBreakdown {
  byCountry: BreakdownRow[];
  byType: BreakdownRow[];
}

type Row = Pick<LedgerRow, 'eventId' | 'eventType' | 'route' | 'country' | 'contribution'>;

export const NO_COUNTRY = '';

/**
 * A ledger's contributions grouped by country and by event type. A row that reached the company
 * through a country counts under that country; a row where the company is named is split equally
 * over the countries the event names (the Micron ban goes to China), or under "no country named".
 * Both groupings keep every point, so each sums to the score.
 */
export function exposureBreakdown(db: Db, params: { ledger: Row[] }): ExposureBreakdown {
  const named = params.ledger.filter((r) => r.route !== 'country').map((r) => r.eventId);
  const entities = entitiesOf(db, named);
  const countries = new Map<string, BreakdownRow>();
  const types = new Map<string, BreakdownRow>();
  const add = (map: Map<string, BreakdownRow>, key: string, label: string, points: number) => {
    const row = map.get(key) ?? { key, label, contribution: 0, rows: 0 };
    row.contribution += points;
    row.rows += 1;
    map.set(key, row);
  };
  for (const r of params.ledger) {
    add(types, r.eventType, r.eventType, r.contribution);
    const over = r.route === 'country' && r.country ? [r.country] : (entities.get(r.eventId)?.countries ?? []);
    if (over.length === 0) add(countries, NO_COUNTRY, 'No country named', r.contribution);
    for (const code of over) add(countries, code, countryName(code), r.contribution / over.length);
  }
  const order = (a: BreakdownRow, b: BreakdownRow) => b.contribution - a.contribution || a.label.localeCompare(b.label, 'en');
  return { byCountry: [...countries.values()].sort(order), byType: [...types.values()].sort(order) };
}
