'use client';

import { Area, AreaChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatDay } from './local-date';

export interface PressurePoint {
  date: string;
  index: number;
}

/**
 * Policy pressure over time: one series, drawn as a dark outline over a light fill so it prints
 * in black and white; the fixed-height box keeps the page still while it mounts.
 */
export function PressureChart({ data, label }: { data: PressurePoint[]; label: string }) {
  return (
    <div className="chart-box" data-testid="pressure-chart" role="figure" aria-label={label}>
      <ResponsiveContainer width="100%" height="100%">
        <AreaChart data={data} margin={{ top: 12, right: 16, bottom: 8, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#d8dde3" />
          <XAxis dataKey="date" minTickGap={48} tickFormatter={(d: string) => formatDay(d, { year: 'numeric', month: 'short' })} />
          <YAxis domain={[0, 100]} ticks={[0, 25, 50, 75, 100]} width={36} />
          <Tooltip labelFormatter={(d) => formatDay(String(d))} formatter={(v) => (typeof v === 'number' ? v.toFixed(1) : String(v))} />
          <Area dataKey="index" name="Pressure index" stroke="#1b1f24" strokeWidth={2} fill="#fdcc8a" fillOpacity={0.6} isAnimationActive={false} />
        </AreaChart>
      </ResponsiveContainer>
    </div>
  );
}
