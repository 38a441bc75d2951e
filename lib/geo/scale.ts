/**
 * Sequential binning for choropleths: equal-width bins from 0 to max, each with a colour that is
 * lighter than the next, so the order survives colour-blindness and black-and-white printing.
 */

/** ColorBrewer OrRd, 5 classes (colour-blind safe, print friendly): light to dark. */
export const PRESSURE_PALETTE = ['#fef0d9', '#fdcc8a', '#fc8d59', '#d7301f', '#7f0000'] as const;

export interface Bin {
  /** Inclusive lower bound. */
  from: number;
  /** Upper bound: exclusive (a value on it belongs to the next bin), except in the last bin. */
  to: number;
  colour: string;
  label: string;
}

export interface BinScale {
  bins: Bin[];
  max: number;
  /** Index into bins, or null for a missing or non-finite value. Out-of-range values are clamped. */
  binOf(value: number | undefined): number | null;
}

const fmt = new Intl.NumberFormat('en', { maximumFractionDigits: 1 });
export const formatValue = (v: number): string => fmt.format(v);

/**
 * Bins for `values`. `max` defaults to the largest finite value; when it is 0 (or there are no
 * values) there is a single bin holding 0, so nothing is painted as "high" for lack of data.
 */
export function binScale(values: Iterable<number>, options: { max?: number; count?: number } = {}): BinScale {
  const count = Math.max(1, Math.min(options.count ?? PRESSURE_PALETTE.length, PRESSURE_PALETTE.length));
  let max = options.max;
  if (max === undefined || !Number.isFinite(max)) {
    max = 0;
    for (const v of values) if (Number.isFinite(v) && v > max) max = v;
  }
  max = Math.max(0, max);

  if (max === 0) {
    const bins = [{ from: 0, to: 0, colour: PRESSURE_PALETTE[0], label: '0' }];
    return { bins, max, binOf: (v) => (v === undefined || !Number.isFinite(v) ? null : 0) };
  }

  const step = max / count;
  // Spread the palette so a smaller count still runs from lightest to darkest.
  const colourAt = (i: number) =>
    PRESSURE_PALETTE[count === 1 ? 0 : Math.round((i * (PRESSURE_PALETTE.length - 1)) / (count - 1))];
  const bins: Bin[] = Array.from({ length: count }, (_, i) => {
    const from = i * step;
    const to = i === count - 1 ? max : (i + 1) * step;
    return { from, to, colour: colourAt(i), label: `${formatValue(from)}–${formatValue(to)}` };
  });
  return {
    bins,
    max,
    binOf(v) {
      if (v === undefined || !Number.isFinite(v)) return null;
      const i = Math.floor((Math.max(0, v) / max) * count);
      return Math.min(count - 1, i);
    },
  };
}
