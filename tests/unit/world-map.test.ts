import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { WorldMap } from '../../app/components/world-map';
import { binScale, PRESSURE_PALETTE } from '../../lib/geo/scale';
import { alpha2FromNumeric, worldShapes } from '../../lib/geo/world-shapes';

describe('worldShapes', () => {
  const shapes = worldShapes();

  it('returns the countries of world-atlas without Antarctica', () => {
    expect(shapes.length).toBeGreaterThanOrEqual(170);
    expect(shapes.some((s) => s.name === 'Antarctica')).toBe(false);
  });

  it('maps numeric ids to alpha-2 codes, Taiwan included', () => {
    const codes = new Set(shapes.map((s) => s.code));
    for (const code of ['CN', 'US', 'TW', 'NL', 'JP', 'KR', 'DE']) expect(codes).toContain(code);
    expect(shapes.find((s) => s.code === 'TW')?.name).toBe('Taiwan');
    expect(shapes.find((s) => s.code === 'BA')?.name).toBe('Bosnia and Herzegovina');
    expect(alpha2FromNumeric('156')).toBe('CN');
    expect(alpha2FromNumeric(4)).toBe('AF');
    expect(alpha2FromNumeric(undefined)).toBeNull();
  });

  it('keeps features without an ISO code, with a null code', () => {
    const kosovo = shapes.find((s) => s.name === 'Kosovo');
    expect(kosovo?.code).toBeNull();
  });

  it('gives each shape non-empty SVG path data and unique codes', () => {
    for (const s of shapes) expect(s.path).toMatch(/^M[\d.-]+,[\d.-]+(?:[LMZ][\d.,-]*)+$/);
    const codes = shapes.map((s) => s.code).filter((c) => c !== null);
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('is computed once', () => {
    expect(worldShapes()).toBe(shapes);
  });
});

describe('binScale', () => {
  it('puts 0 in the first bin and max in the last', () => {
    const scale = binScale([0, 10, 42]);
    expect(scale.max).toBe(42);
    expect(scale.bins).toHaveLength(5);
    expect(scale.binOf(0)).toBe(0);
    expect(scale.binOf(42)).toBe(4);
    expect(scale.binOf(20)).toBe(2);
    expect(scale.bins.map((b) => b.colour)).toEqual([...PRESSURE_PALETTE]);
  });

  it('clamps values outside 0..max and treats missing values as no data', () => {
    const scale = binScale([5], { max: 10 });
    expect(scale.binOf(-3)).toBe(0);
    expect(scale.binOf(99)).toBe(4);
    expect(scale.binOf(undefined)).toBeNull();
    expect(scale.binOf(Number.NaN)).toBeNull();
  });

  it('uses a given max over the data', () => {
    const scale = binScale([1, 2], { max: 100 });
    expect(scale.binOf(2)).toBe(0);
    expect(scale.bins[4].to).toBe(100);
  });

  it('has a single bin for 0 when max is 0 or there are no values', () => {
    for (const scale of [binScale([0, 0]), binScale([]), binScale([3], { max: 0 })]) {
      expect(scale.bins).toHaveLength(1);
      expect(scale.binOf(0)).toBe(0);
      expect(scale.binOf(undefined)).toBeNull();
    }
  });
});

describe('WorldMap', () => {
  const render = (props: Parameters<typeof WorldMap>[0]) => renderToStaticMarkup(createElement(WorldMap, props));

  it('links countries to their pages with their values in the titles', () => {
    const html = render({ values: { CN: 42, US: 17.25, TW: 0 }, caption: 'Policy pressure by country' });
    expect(html).toContain('href="/countries/CN"');
    expect(html).toContain('href="/countries/US"');
    expect(html).toContain('href="/countries/TW"');
    expect(html).toContain('<title>China: 42</title>');
    expect(html).toContain('<title>United States: 17.3</title>');
    expect(html).toContain('<title>Germany: no data</title>');
    expect(html).toMatch(/<svg viewBox="0 0 960 430"[^>]*aria-label="Policy pressure by country"/);
    expect(html).toContain('<figcaption>Policy pressure by country</figcaption>');
  });

  it('paints the maximum darkest and countries without data with the hatch', () => {
    const html = render({ values: { CN: 42, JP: 1 }, caption: 'c' });
    const fillOf = (name: string) => new RegExp(`fill="([^"]+)"[^>]*><title>${name}:`).exec(html)?.[1];
    expect(fillOf('China')).toBe(PRESSURE_PALETTE[4]);
    expect(fillOf('Japan')).toBe(PRESSURE_PALETTE[0]);
    expect(fillOf('Germany')).toMatch(/^url\(#world-map-nodata-/);
    // Shapes without an ISO code get no link.
    expect(html).not.toMatch(/<a [^>]*><path[^>]*><title>Kosovo:/);
    expect(fillOf('Kosovo')).toMatch(/^url\(#/);
  });

  it('shows a legend with value ranges and a no-data swatch', () => {
    const html = render({ values: { CN: 50 }, caption: 'c' });
    expect(html).toContain('data-testid="world-map-legend"');
    expect(html).toContain('0–10');
    expect(html).toContain('40–50');
    expect(html).toContain('no data');
  });

  it('shows the EU as a linked box only when given', () => {
    expect(render({ values: { CN: 5 }, caption: 'c' })).not.toContain('/countries/EU');
    const html = render({ values: { CN: 5 }, eu: 10, caption: 'c' });
    expect(html).toContain('href="/countries/EU"');
    expect(html).toContain('European Union: 10');
  });

  it('renders with no values at all, and ships no script', () => {
    const html = render({ values: {}, caption: 'c' });
    expect(html).toContain('href="/countries/CN"');
    expect(html).toContain('<title>China: no data</title>');
    expect(html).not.toContain('<script');
  });
});
