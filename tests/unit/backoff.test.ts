import { describe, expect, it } from 'vitest';
import { BACKOFF_CAP_MS, backoffDelayMs } from '../../lib/feeds/backoff';

const base = 30 * 60 * 1000;
const noJitter = () => 0;

describe('backoffDelayMs', () => {
  it('doubles per consecutive failure', () => {
    expect(backoffDelayMs(1, base, noJitter)).toBe(base);
    expect(backoffDelayMs(2, base, noJitter)).toBe(2 * base);
    expect(backoffDelayMs(3, base, noJitter)).toBe(4 * base);
    expect(backoffDelayMs(5, base, noJitter)).toBe(16 * base);
  });

  it('is capped at 24 hours, even after thousands of failures', () => {
    expect(backoffDelayMs(7, base, noJitter)).toBe(BACKOFF_CAP_MS);
    expect(backoffDelayMs(5000, base, noJitter)).toBe(BACKOFF_CAP_MS);
    expect(Number.isFinite(backoffDelayMs(5000, base, () => 0.999))).toBe(true);
  });

  it('adds up to 20% jitter without exceeding the cap', () => {
    expect(backoffDelayMs(3, base, () => 1)).toBe(Math.round(4 * base * 0.8));
    expect(backoffDelayMs(3, base, () => 0.5)).toBe(Math.round(4 * base * 0.9));
    for (let i = 0; i < 200; i++) {
      const delay = backoffDelayMs(20, base);
      expect(delay).toBeLessThanOrEqual(BACKOFF_CAP_MS);
      expect(delay).toBeGreaterThanOrEqual(BACKOFF_CAP_MS * 0.8);
    }
  });

  it('uses the normal interval for a healthy feed', () => {
    expect(backoffDelayMs(0, base)).toBe(base);
  });
});
