import { Resvg } from '@resvg/resvg-js';

export const CHART_WIDTH = 240;
export const CHART_HEIGHT = 60;

/**
 * A company's recent scores as a small PNG. Mail clients (Gmail, Outlook) drop inline SVG and
 * scripts, but show a PNG attached inline and referenced by cid; so the chart is drawn as SVG and
 * rasterised here, at twice the displayed size for sharp high-density screens. No text in the
 * image: the numbers sit next to it in the mail, where they can be read and copied.
 */
export function scoreChartPng(series: number[]): Buffer {
  return Buffer.from(new Resvg(scoreChartSvg(series), { fitTo: { mode: 'zoom', value: 2 }, font: { loadSystemFonts: false } }).render().asPng());
}

export function scoreChartSvg(series: number[]): string {
  const w = CHART_WIDTH;
  const h = CHART_HEIGHT;
  const pad = 4;
  const values = series.length >= 2 ? series : [series[0] ?? 0, series[0] ?? 0];
  const low = Math.min(...values);
  // At least ten points of height, so a flat line does not turn noise into a cliff.
  const high = Math.max(Math.max(...values), low + 10);
  const x = (i: number) => pad + (i * (w - 2 * pad)) / (values.length - 1);
  const y = (v: number) => h - pad - ((v - low) * (h - 2 * pad)) / (high - low);
  const points = values.map((v, i) => `${x(i).toFixed(1)},${y(v).toFixed(1)}`);
  const area = `M${x(0).toFixed(1)},${h - pad} L${points.join(' L')} L${x(values.length - 1).toFixed(1)},${h - pad} Z`;
  const last = values.length - 1;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}">
<rect width="${w}" height="${h}" fill="#ffffff"/>
<line x1="${pad}" y1="${h - pad}" x2="${w - pad}" y2="${h - pad}" stroke="#d8dde3" stroke-width="1"/>
<path d="${area}" fill="#1f5fa8" fill-opacity="0.12"/>
<polyline points="${points.join(' ')}" fill="none" stroke="#1f5fa8" stroke-width="2" stroke-linejoin="round" stroke-linecap="round"/>
<circle cx="${x(last).toFixed(1)}" cy="${y(values[last]).toFixed(1)}" r="3" fill="#1f5fa8"/>
</svg>`;
}
