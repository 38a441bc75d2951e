/**
 * Country outlines for the world map, projected once into a fixed SVG viewBox.
 * Source: world-atlas countries-110m.json (Natural Earth 1:110m admin-0, public domain; world-atlas is ISC).
 * No React; country names come from the gazetteer so they read as on the rest of the site.
 */
import { geoEqualEarth, geoPath } from 'd3-geo';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import world from 'world-atlas/countries-110m.json';
import { getGazetteer } from '../tagging/gazetteer';
import iso from './iso-numeric.json';

/** Equal Earth without Antarctica is about 2.28 times as wide as it is tall: 430 leaves no empty band. */
export const WORLD_VIEWBOX = { width: 960, height: 430 } as const;

export interface WorldShape {
  /** ISO 3166-1 alpha-2, or null for features without an ISO code (Kosovo, N. Cyprus, Somaliland). */
  code: string | null;
  /** The gazetteer's name, else world-atlas's (which abbreviates: "Bosnia and Herz."). */
  name: string;
  /** SVG path data in WORLD_VIEWBOX coordinates. */
  path: string;
}

type CountryProps = { name: string };
type WorldTopology = Topology<{ countries: GeometryCollection<CountryProps> }>;

const ANTARCTICA = '010';
const numericToAlpha2: Readonly<Record<string, string>> = iso.numericToAlpha2;

let cached: readonly WorldShape[] | undefined;

/** Every country of world-atlas except Antarctica, projected with Equal Earth fitted to WORLD_VIEWBOX. */
export function worldShapes(): readonly WorldShape[] {
  cached ??= build();
  return cached;
}

/** Alpha-2 code for an ISO 3166-1 numeric id ("156" -> "CN"); null when unknown or missing. */
export function alpha2FromNumeric(id: string | number | undefined): string | null {
  if (id === undefined) return null;
  return numericToAlpha2[String(id).padStart(3, '0')] ?? null;
}

function build(): WorldShape[] {
  // The JSON import is typed structurally from the file; the TopoJSON types describe it properly.
  const topology = world as unknown as WorldTopology;
  const all = feature(topology, topology.objects.countries) as FeatureCollection<Geometry, CountryProps>;
  const kept: Feature<Geometry, CountryProps>[] = all.features.filter((f) => String(f.id) !== ANTARCTICA);
  const margin = 4;
  const projection = geoEqualEarth().fitExtent(
    [
      [margin, margin],
      [WORLD_VIEWBOX.width - margin, WORLD_VIEWBOX.height - margin],
    ],
    { type: 'FeatureCollection', features: kept },
  );
  // One decimal is well below a pixel at this size and keeps the markup small.
  const toPath = geoPath(projection).digits(1);
  const { countryByCode } = getGazetteer();
  const shapes: WorldShape[] = [];
  for (const f of kept) {
    const d = toPath(f);
    if (!d) continue;
    const code = alpha2FromNumeric(f.id === undefined ? undefined : String(f.id));
    const name = (code === null ? undefined : countryByCode.get(code)?.name) ?? f.properties.name;
    shapes.push({ code, name, path: d });
  }
  return shapes;
}
