import { describe, expect, it } from 'vitest';
import { downloadKbps } from './linkRate.ts';

describe('the download rate of the probe flood', () => {
  it('counts wire bytes between the arrivals after the start-up burst and the last one', () => {
    // 1000-byte packets (payload + RTP header) arriving every 21.4 ms = 400 kbit/s of wire bytes with 38 bytes of overhead each.
    const perPacketMs = ((1000 + 38) * 8) / 400;
    const samples = Array.from({ length: 30 }, (_, k) => ({ atMs: 1000 + k * 5 * perPacketMs, bytes: k * 5 * 1000, packets: k * 5 }));
    expect(downloadKbps(samples)).toBe(400);
  });

  it('ignores readings before the first packet and after the last', () => {
    const samples = [
      { atMs: 0, bytes: 0, packets: 0 },
      { atMs: 100, bytes: 1000, packets: 1 },
      { atMs: 500, bytes: 11_000, packets: 11 },
      { atMs: 900, bytes: 21_000, packets: 21 },
      { atMs: 900, bytes: 21_000, packets: 21 },
    ];
    expect(downloadKbps(samples)).toBe(Math.round(((10_000 + 10 * 38) * 8) / 400));
    expect(downloadKbps([{ atMs: 0, bytes: 0, packets: 0 }])).toBe(0);
  });
});
