import { getGazetteer } from '../tagging/gazetteer';

/** The regions the overview charts events by: broad ones only, so the bars stay readable. */
export const BROAD_REGIONS = ['east-asia', 'southeast-asia', 'south-asia', 'europe', 'north-america', 'middle-east'];

/** The broad regions of the gazetteer with their countries, in the gazetteer’s order. */
export function broadRegions(): { id: string; name: string; countries: string[] }[] {
  return getGazetteer().regions.filter((r) => BROAD_REGIONS.includes(r.id));
}
