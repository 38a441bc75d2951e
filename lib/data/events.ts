import 'server-only';
import { getDb } from '../../db';
import { EVENT_TYPES } from '../tagging/rules';
import { getGazetteerFor } from '../tagging/tagger-instance';
import type { EventFilters } from '../queries/event-filters';
import { searchEvents } from '../queries/search-events';
import { hasAnyItems } from '../queries/list-items';

export async function fetchEvents(filters: EventFilters, options: { withTotal?: boolean } = {}) {
  return searchEvents(getDb(), filters, options);
}

/** What the explorer's filter form offers: the gazetteer's companies, countries and regions, and the event types. */
export async function fetchEventFilterOptions() {
  const g = getGazetteerFor(getDb());
  const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);
  return {
    companies: g.companies.map((c) => ({ id: c.id, name: c.name })).sort(byName),
    countries: g.countries.map((c) => ({ code: c.code, name: c.name })).sort(byName),
    regions: g.regions.map((r) => ({ id: r.id, name: r.name })),
    types: [...EVENT_TYPES],
  };
}

export async function fetchHasItems() {
  return hasAnyItems(getDb());
}
