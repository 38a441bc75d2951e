import { fetchPressuresOn } from '../../lib/data/places';
import { WorldMap } from './world-map';

/** Pressure by country on one day: every country for context, or only a region's members. */
export async function PlaceMap({ day, countries, caption }: { day: string; countries?: string[]; caption: string }) {
  const { EU, ...values } = await fetchPressuresOn(day, countries);
  return <WorldMap values={values} eu={EU} max={100} caption={caption} />;
}
