import { useId } from 'react';
import { binScale, formatValue, type BinScale } from '../../lib/geo/scale';
import { WORLD_VIEWBOX, worldShapes } from '../../lib/geo/world-shapes';

export interface WorldMapProps {
  /** Values keyed by ISO 3166-1 alpha-2 code in upper case ("CN"). Countries absent here show as "no data". */
  values: Record<string, number>;
  /** Top of the scale; defaults to the largest value (EU included). */
  max?: number;
  /** The EU's own value: it is no country shape, so it is shown as a box beside the legend. */
  eu?: number;
  caption: string;
}

const NO_DATA_FILL = '#eceef1';
const NO_DATA_HATCH = '#8a939d';
const STROKE = '#56606b';

/**
 * Choropleth of policy pressure by country, rendered entirely on the server as SVG. Each country links
 * to its page; "no data" is hatched so it is not told by colour alone, and bins differ in lightness.
 */
export function WorldMap({ values, max, eu, caption }: WorldMapProps) {
  // useId keeps pattern ids unique when a page shows more than one map.
  const uid = useId().replace(/[^A-Za-z0-9_-]/g, '');
  const hatchId = `world-map-nodata-${uid}`;
  const cls = `world-map-${uid}`;
  const scale = binScale(eu === undefined ? Object.values(values) : [...Object.values(values), eu], { max });
  const fillFor = (v: number | undefined) => fillOf(scale, v, hatchId);
  const { width, height } = WORLD_VIEWBOX;

  return (
    <figure className={cls} style={{ margin: 0, printColorAdjust: 'exact' }}>
      <svg
        viewBox={`0 0 ${width} ${height}`}
        role="group"
        aria-label={caption}
        style={{ display: 'block', width: '100%', height: 'auto', aspectRatio: `${width} / ${height}` }}
      >
        <defs>
          <pattern id={hatchId} width={6} height={6} patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
            <rect width={6} height={6} fill={NO_DATA_FILL} />
            <line x1={0} y1={0} x2={0} y2={6} stroke={NO_DATA_HATCH} strokeWidth={1.5} />
          </pattern>
        </defs>
        <style>{`.${cls} a:hover path, .${cls} a:focus-visible path { stroke: #000; stroke-width: 2px; }`}</style>
        <g stroke={STROKE} strokeWidth={0.6} strokeLinejoin="round">
          {worldShapes().map((shape, i) => {
            const value = shape.code === null ? undefined : values[shape.code];
            const title = `${shape.name}: ${value === undefined || !Number.isFinite(value) ? 'no data' : formatValue(value)}`;
            const path = (
              <path d={shape.path} fill={fillFor(value)} vectorEffect="non-scaling-stroke">
                <title>{title}</title>
              </path>
            );
            return shape.code === null ? (
              <g key={`none-${i}`}>{path}</g>
            ) : (
              <a key={shape.code} href={`/countries/${shape.code}`} aria-label={title}>
                {path}
              </a>
            );
          })}
        </g>
      </svg>
      <Legend scale={scale} hatchId={hatchId} eu={eu} fillFor={fillFor} />
      <figcaption>{caption}</figcaption>
    </figure>
  );
}

function fillOf(scale: BinScale, value: number | undefined, hatchId: string): string {
  const bin = scale.binOf(value);
  return bin === null ? `url(#${hatchId})` : scale.bins[bin].colour;
}

function Swatch({ fill }: { fill: string }) {
  return (
    <svg width={18} height={12} viewBox="0 0 18 12" aria-hidden="true" style={{ flex: 'none' }}>
      <rect x={0.5} y={0.5} width={17} height={11} fill={fill} stroke={STROKE} />
    </svg>
  );
}

const row = { display: 'flex', alignItems: 'center', gap: '0.35em' } as const;

function Legend(props: {
  scale: BinScale;
  hatchId: string;
  eu: number | undefined;
  fillFor: (v: number | undefined) => string;
}) {
  const { scale, hatchId, eu, fillFor } = props;
  return (
    <div
      data-testid="world-map-legend"
      style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: '0.5em 1.5em', fontSize: '0.85em' }}
    >
      <ul aria-label="Legend" style={{ ...row, flexWrap: 'wrap', gap: '0.25em 1em', listStyle: 'none', margin: 0, padding: 0 }}>
        {scale.bins.map((bin) => (
          <li key={bin.label} style={row}>
            <Swatch fill={bin.colour} />
            {bin.label}
          </li>
        ))}
        <li style={row}>
          <Swatch fill={`url(#${hatchId})`} />
          no data
        </li>
      </ul>
      {eu !== undefined && (
        <a href="/countries/EU" style={{ ...row, border: `1px solid ${STROKE}`, padding: '0.2em 0.5em' }}>
          <Swatch fill={fillFor(eu)} />
          European Union: {Number.isFinite(eu) ? formatValue(eu) : 'no data'}
        </a>
      )}
    </div>
  );
}
