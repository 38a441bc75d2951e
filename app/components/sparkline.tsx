/**
 * A tiny trend line drawn on the server as SVG. A table of fifty rows would otherwise mount fifty
 * chart components in the browser for lines with no axes, tooltips or interaction.
 */
export function Sparkline({ values, label, width = 120, height = 28, max = 100 }: { values: number[]; label: string; width?: number; height?: number; max?: number }) {
  if (values.length === 0) return null;
  const top = Math.max(max, ...values);
  const step = values.length > 1 ? width / (values.length - 1) : 0;
  const points = values.map((v, i) => `${(i * step).toFixed(1)},${(height - 1 - (v / top) * (height - 2)).toFixed(1)}`).join(' ');
  return (
    <svg width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="img" aria-label={label} style={{ display: 'block' }}>
      <line x1={0} y1={height - 0.5} x2={width} y2={height - 0.5} stroke="#d8dde3" />
      <polyline points={points} fill="none" stroke="#1b1f24" strokeWidth={1.5} strokeLinejoin="round" />
    </svg>
  );
}
