import 'server-only';
import { getDb } from '../../db';
import type { DateRange } from '../queries/date-range';
import { exposedCompanies } from '../queries/exposed-companies';
import { placeEvents } from '../queries/place-events';
import { countryPressure, pressuresOn, regionPressure } from '../queries/place-pressure';
import { countryInfo, regionInfo, regionsOf } from '../queries/places';

export async function fetchCountryPressure(country: string, range: DateRange) {
  return countryPressure(getDb(), { country, ...range });
}

export async function fetchRegionPressure(countries: string[], range: DateRange) {
  return regionPressure(getDb(), { countries, ...range });
}

export async function fetchPressuresOn(day: string, countries?: string[]) {
  return pressuresOn(getDb(), { day, countries });
}

export async function fetchPlaceEvents(countries: string[], range: DateRange, page: number) {
  return placeEvents(getDb(), { countries, ...range, page });
}

export async function fetchExposedCompanies(countries: string[], day: string) {
  return exposedCompanies(getDb(), { countries, day });
}

export async function fetchCountryInfo(code: string) {
  return countryInfo(code);
}

export async function fetchRegionInfo(id: string) {
  return regionInfo(id);
}

export async function fetchRegionsOf(code: string) {
  return regionsOf(code);
}
