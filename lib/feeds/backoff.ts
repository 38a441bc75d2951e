export const BACKOFF_CAP_MS = 24 * 60 * 60 * 1000;

/**
 * Delay before the next try of a feed that has failed `failures` times in a row: the poll interval
 * doubled per failure, capped at 24 h, then scaled down by up to 20% of jitter so feeds that failed
 * together (a host outage) do not all retry in the same minute. A failing feed is never dropped:
 * at worst it is tried once a day.
 */
export function backoffDelayMs(
  failures: number,
  baseMs: number,
  random: () => number = Math.random,
  capMs = BACKOFF_CAP_MS,
): number {
  if (failures <= 0) return baseMs;
  // 2 ** 30 already exceeds any cap; clamping the exponent avoids Infinity for absurd counts.
  const exponential = baseMs * 2 ** Math.min(failures - 1, 30);
  const capped = Math.min(capMs, exponential);
  return Math.round(capped * (1 - 0.2 * random()));
}
