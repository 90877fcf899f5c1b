import { describe, expect, it } from 'vitest';
import { maxWindowRateKbps, meanRateFromKbps, meanRateKbps, withIpOverhead } from './rateWindow.ts';

/** 1 kbit/s = 1 bit per ms: 125 bytes every 1000 ms is 1 kbit/s. */
const series = (ratesKbps: number[], stepMs = 250) => {
  let bytes = 0;
  return [{ atMs: 0, bytes: 0 }, ...ratesKbps.map((r, k) => ({ atMs: (k + 1) * stepMs, bytes: (bytes += (r * stepMs) / 8) }))];
};

describe('link rate from a byte counter', () => {
  it('takes the best one-second span of a sender that ramps up and backs off', () => {
    const s = series([100, 200, 400, 400, 400, 400, 300, 250, 250, 250]);
    expect(maxWindowRateKbps(s, 1000)).toBeCloseTo(400);
    expect(meanRateKbps(s)).toBeCloseTo(295);
  });

  it('over TCP, a stall and its release: the best second reads above the link, the mean after the ramp does not', () => {
    // 400 kbit/s link; a dropped segment holds 0.5 s back, which then arrives at once.
    const s = series([100, 300, 400, 400, 0, 0, 1200, 400, 400, 400, 400, 400, 400, 400, 400, 400, 400]);
    expect(maxWindowRateKbps(s, 1000)).toBeCloseTo(600);
    expect(meanRateFromKbps(s, 500, 3000)).toBeCloseTo(400);
    // Not yet spanning the minimum: nothing read.
    expect(meanRateFromKbps(s.slice(0, 8), 500, 3000)).toBe(0);
  });

  it('reads nothing from fewer samples than one window', () => {
    expect(maxWindowRateKbps(series([500, 500]), 1000)).toBe(0);
    expect(maxWindowRateKbps([], 1000)).toBe(0);
    expect(meanRateKbps([])).toBe(0);
  });

  it('copes with uneven sampling (a slow stats answer makes a longer span)', () => {
    const s = [
      { atMs: 0, bytes: 0 },
      { atMs: 400, bytes: 20_000 },
      { atMs: 1500, bytes: 75_000 },
      { atMs: 1700, bytes: 85_000 },
    ];
    // 0 → 1500: 600 kbit/s over 1.5 s; 400 → 1500 (1.1 s): 400 kbit/s; 400 → 1700: ~400
    expect(maxWindowRateKbps(s, 1000)).toBeCloseTo(400);
  });

  it('adds the IP and UDP headers the link carries for each packet', () => {
    expect(withIpOverhead(1_120_000, 1120)).toBeCloseTo(1_148_000);
    expect(withIpOverhead(5000, 0)).toBe(5000);
  });
});
