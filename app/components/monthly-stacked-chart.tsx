'use client';

import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

// Fills differ in pattern as well as colour (Okabe–Ito), so stacks stay distinguishable in black
// and white and for colour-blind readers.
const COLOURS = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#000000', '#F0E442', '#5b6470', '#8c564b', '#17becf'];
const PATTERNS = ['solid', 'hatch', 'dots', 'cross', 'vertical', 'solid', 'hatch', 'dots', 'cross', 'vertical', 'solid'];

export interface StackedSeries {
  key: string;
  label: string;
  counts: number[];
}

export function MonthlyStackedChart({ months, series, label, id }: { months: string[]; series: StackedSeries[]; label: string; id: string }) {
  const data = months.map((m, i) => Object.fromEntries([['month', m], ...series.map((s) => [s.key, s.counts[i]])]));
  return (
    <div className="chart-box" role="figure" aria-label={label} data-testid={`stacked-${id}`}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} margin={{ top: 12, right: 16, bottom: 8, left: 0 }}>
          <defs>
            {series.map((s, i) => (
              <Pattern key={s.key} id={`${id}-${i}`} colour={COLOURS[i % COLOURS.length]} kind={PATTERNS[i % PATTERNS.length]} />
            ))}
          </defs>
          <CartesianGrid strokeDasharray="3 3" stroke="#d8dde3" />
          <XAxis dataKey="month" minTickGap={24} tickFormatter={(m: string) => formatMonth(m)} />
          <YAxis allowDecimals={false} width={36} />
          <Tooltip labelFormatter={(m) => formatMonth(String(m))} />
          <Legend />
          {series.map((s, i) => (
            <Bar key={s.key} dataKey={s.key} name={s.label} stackId="all" fill={`url(#${id}-${i})`} stroke="#1b1f24" strokeWidth={0.5} isAnimationActive={false} />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}

function formatMonth(month: string): string {
  return new Date(`${month}-01T00:00:00Z`).toLocaleDateString(undefined, { year: '2-digit', month: 'short', timeZone: 'UTC' });
}

function Pattern({ id, colour, kind }: { id: string; colour: string; kind: string }) {
  return (
    <pattern id={id} width={6} height={6} patternUnits="userSpaceOnUse">
      <rect width={6} height={6} fill={kind === 'solid' ? colour : '#fff'} />
      {kind === 'hatch' && <path d="M0,6 L6,0" stroke={colour} strokeWidth={2} />}
      {kind === 'dots' && <circle cx={3} cy={3} r={1.6} fill={colour} />}
      {kind === 'cross' && <path d="M0,0 L6,6 M6,0 L0,6" stroke={colour} strokeWidth={1.2} />}
      {kind === 'vertical' && <path d="M3,0 L3,6" stroke={colour} strokeWidth={2} />}
    </pattern>
  );
}
