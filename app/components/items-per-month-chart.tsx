'use client';

import { Bar, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

export interface ItemsPerMonthPoint {
  month: string;
  items: number;
  events: number;
}

/** Items collected per month (bars) with relevant events (dashed line): readable in black and white. */
export function ItemsPerMonthChart({ data }: { data: ItemsPerMonthPoint[] }) {
  return (
    <div className="chart-box" data-testid="items-per-month-chart">
      <ResponsiveContainer width="100%" height="100%">
        <ComposedChart data={data} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#d8dde3" />
          <XAxis dataKey="month" minTickGap={24} />
          <YAxis allowDecimals={false} />
          <Tooltip />
          <Legend />
          <Bar dataKey="items" name="Items collected" fill="#9fb7d4" stroke="#1f5fa8" isAnimationActive={false} />
          <Line
            dataKey="events"
            name="Relevant events"
            stroke="#1b1f24"
            strokeDasharray="6 3"
            dot={{ r: 2 }}
            isAnimationActive={false}
          />
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
}
