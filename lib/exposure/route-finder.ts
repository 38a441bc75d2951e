import { routeOf, type CompanyPresence, type ExposureEvent, type Route } from './model';

const NO_NAMES: ReadonlyMap<string, 'title' | 'body'> = new Map();
// One key per event object, shared by every company's finder: the event's type and countries in stored order.
const keys = new WeakMap<ExposureEvent, string>();

/**
 * routeOf for one company, memoised. An event that does not name the company reaches it (or not)
 * through its countries only, so the answer depends on the event's type and list of countries,
 * not on the event: the exposure job, which walks every active event for every company, asks
 * routeOf once per (type, countries) instead of once per event. The countries keep their order
 * because routeOf keeps the first of equally strong presences.
 */
export function routeFinder(company: CompanyPresence): (event: ExposureEvent) => Route | null {
  const byCountries = new Map<string, Route | null>();
  return (event) => {
    if (event.companies.has(company.id)) return routeOf(company, event);
    let key = keys.get(event);
    if (key === undefined) keys.set(event, (key = `${event.eventType} ${event.countries.join(' ')}`));
    let route = byCountries.get(key);
    if (route === undefined) byCountries.set(key, (route = routeOf(company, { ...event, companies: NO_NAMES })));
    return route;
  };
}
