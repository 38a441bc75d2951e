import { fetchCountryPressure, fetchRegionPressure } from '../../lib/data/places';
import { COUNTRY_SCALE } from '../../lib/exposure/parameters';
import type { DateRange } from '../../lib/queries/date-range';
import { LocalDate } from './local-date';
import { PressureChart } from './pressure-chart';

/** A country's stored index, or a region's computed from its countries' events, over the range. */
export async function PressureOverTime({ place, range }: { place: { kind: 'country'; code: string } | { kind: 'region'; countries: string[] }; range: DateRange }) {
  const data = place.kind === 'country' ? await fetchCountryPressure(place.code, range) : await fetchRegionPressure(place.countries, range);
  const now = data.at(-1)?.index ?? 0;
  return (
    <>
      <p className="sum-line" data-testid="pressure-now">
        Pressure index {now.toFixed(1)} on <LocalDate day={range.to} />
      </p>
      <PressureChart data={data} label="Policy pressure index over time" />
      <p className="note">
        Every risk event naming {place.kind === 'country' ? 'the country' : 'any of the region’s countries (each event once)'} adds type weight × severity ×
        confidence, decaying by type; the sum maps to 0–100 as 100 × (1 − e<sup>−sum / {COUNTRY_SCALE}</sup>). Investment is not counted.
      </p>
    </>
  );
}
