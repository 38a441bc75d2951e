'use client';

import { CartesianGrid, Legend, Line, LineChart, ReferenceDot, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatDay } from './local-date';

export interface ExposurePoint {
  date: string;
  score: number;
  support: number;
}

export interface ExposureMarker {
  /** Number shown on the chart and in the list beside it. */
  n: number;
  date: string;
  score: number;
}

/**
 * Exposure over time: the score as a solid line, support (investment) as a dashed one so the two
 * differ in black and white, and numbered diamonds with a black outline on the days events moved
 * the score. Height is fixed by the box so the page does not shift when the chart mounts.
 */
export function ExposureChart({ data, markers }: { data: ExposurePoint[]; markers: ExposureMarker[] }) {
  return (
    <div className="chart-box" data-testid="exposure-chart" role="figure" aria-label="Exposure score over time">
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={data} margin={{ top: 20, right: 16, bottom: 8, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#d8dde3" />
          <XAxis dataKey="date" minTickGap={48} tickFormatter={(d: string) => formatDay(d, { year: 'numeric', month: 'short' })} />
          <YAxis domain={[0, 100]} ticks={[0, 25, 50, 75, 100]} width={36} />
          <Tooltip labelFormatter={(d) => formatDay(String(d))} formatter={(v) => (typeof v === 'number' ? v.toFixed(1) : String(v))} />
          <Legend />
          <Line dataKey="score" name="Exposure score" stroke="#1b1f24" strokeWidth={2} dot={false} isAnimationActive={false} />
          <Line dataKey="support" name="Support (investment), not subtracted" stroke="#1f5fa8" strokeWidth={1.5} strokeDasharray="6 4" dot={false} isAnimationActive={false} />
          {markers.map((m) => (
            <ReferenceDot
              key={m.n}
              x={m.date}
              y={m.score}
              r={7}
              className="event-marker"
              shape={(p) => <Diamond cx={Number(p.cx)} cy={Number(p.cy)} />}
              label={{ value: String(m.n), position: 'top', fontSize: 12, fontWeight: 700, fill: '#1b1f24' }}
            />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}

function Diamond({ cx, cy }: { cx: number; cy: number }) {
  const s = 6;
  return <path d={`M${cx},${cy - s} L${cx + s},${cy} L${cx},${cy + s} L${cx - s},${cy} Z`} fill="#f0b400" stroke="#000" strokeWidth={1.5} />;
}
