'use client';

import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatDay } from './local-date';

// Each line differs in dash pattern and marker as well as colour, so the chart reads in black and
// white and for colour-blind readers (Okabe–Ito colours).
const STYLES = [
  { stroke: '#000000', dash: undefined, marker: 'circle' },
  { stroke: '#0072B2', dash: '8 4', marker: 'square' },
  { stroke: '#D55E00', dash: '2 3', marker: 'triangle' },
  { stroke: '#009E73', dash: '12 4 2 4', marker: 'diamond' },
  { stroke: '#CC79A7', dash: '4 4', marker: 'cross' },
  { stroke: '#E69F00', dash: '16 6', marker: 'circle' },
  { stroke: '#56B4E9', dash: '1 5', marker: 'square' },
  { stroke: '#5b6470', dash: '6 2 1 2', marker: 'triangle' },
] as const;

export interface LineSeries {
  id: string;
  name: string;
}

type Row = { date: string } & Record<string, number | string>;

export function ExposureLinesChart({ data, series }: { data: Row[]; series: LineSeries[] }) {
  // A marker every ~month keeps the shapes visible without cluttering the lines.
  const every = Math.max(1, Math.round(data.length / 12));
  return (
    <div className="chart-box" data-testid="exposure-lines" role="figure" aria-label={`Exposure over time: ${series.map((s) => s.name).join(', ')}`}>
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={data} margin={{ top: 12, right: 16, bottom: 8, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#d8dde3" />
          <XAxis dataKey="date" minTickGap={48} tickFormatter={(d: string) => formatDay(d, { year: 'numeric', month: 'short' })} />
          <YAxis domain={[0, 100]} ticks={[0, 25, 50, 75, 100]} width={36} />
          <Tooltip labelFormatter={(d) => formatDay(String(d))} formatter={(v) => (typeof v === 'number' ? v.toFixed(1) : String(v))} />
          <Legend />
          {series.map((s, i) => {
            const style = STYLES[i % STYLES.length];
            return (
              <Line
                key={s.id}
                dataKey={s.id}
                name={s.name}
                stroke={style.stroke}
                strokeWidth={2}
                strokeDasharray={style.dash}
                isAnimationActive={false}
                legendType={style.marker}
                dot={(p: { cx?: number; cy?: number; index?: number }) => <Marker key={`${s.id}-${p.index}`} shape={style.marker} cx={p.cx} cy={p.cy} show={(p.index ?? 0) % every === 0} color={style.stroke} />}
              />
            );
          })}
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}

function Marker({ shape, cx, cy, show, color }: { shape: string; cx?: number; cy?: number; show: boolean; color: string }) {
  if (!show || cx === undefined || cy === undefined) return <g />;
  const s = 4;
  const d =
    shape === 'square' ? `M${cx - s},${cy - s}h${2 * s}v${2 * s}h${-2 * s}Z`
    : shape === 'triangle' ? `M${cx},${cy - s - 1}L${cx + s + 1},${cy + s}L${cx - s - 1},${cy + s}Z`
    : shape === 'diamond' ? `M${cx},${cy - s - 1}L${cx + s + 1},${cy}L${cx},${cy + s + 1}L${cx - s - 1},${cy}Z`
    : shape === 'cross' ? `M${cx - s},${cy - s}L${cx + s},${cy + s}M${cx + s},${cy - s}L${cx - s},${cy + s}`
    : '';
  if (!d) return <circle cx={cx} cy={cy} r={s} fill="#fff" stroke={color} strokeWidth={1.5} />;
  return <path d={d} fill={shape === 'cross' ? 'none' : '#fff'} stroke={color} strokeWidth={1.5} />;
}
