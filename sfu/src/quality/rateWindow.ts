/** A cumulative byte counter read at one moment (ms on any monotonic clock). */
export interface ByteSample {
  atMs: number;
  bytes: number;
}

/**
 * The highest rate, in kbit/s, over any span of at least `windowMs` between two samples.
 * A congestion-controlled sender probes above the link and backs off below it; the best
 * one-second span is what the link carried (measured: 0.93–0.95 of a tc rate with a
 * payload counter, see ARCHITECTURE.md "Measuring a link"), while an average over the
 * whole ramp reads the back-off too.
 */
export function maxWindowRateKbps(samples: readonly ByteSample[], windowMs: number): number {
  let best = 0;
  let j = 0;
  for (let i = 0; i < samples.length; i++) {
    const start = samples[i];
    if (!start) continue;
    if (j <= i) j = i + 1;
    while (j < samples.length && (samples[j]?.atMs ?? 0) - start.atMs < windowMs) j++;
    const end = samples[j];
    if (!end) break;
    const rate = ((end.bytes - start.bytes) * 8) / (end.atMs - start.atMs);
    if (rate > best) best = rate;
  }
  return best;
}

/** Mean rate in kbit/s between the first and last sample. */
export function meanRateKbps(samples: readonly ByteSample[]): number {
  const first = samples[0];
  const last = samples.at(-1);
  if (!first || !last || last.atMs <= first.atMs) return 0;
  return ((last.bytes - first.bytes) * 8) / (last.atMs - first.atMs);
}

/**
 * Mean rate in kbit/s of the samples from `fromMs` on, once they span at least `minSpanMs` (0 before).
 * For a TCP path, whose lost segments hold the rest back and release it at once: any short span
 * may start in a stall and end after its release, the mean over a long one does not.
 */
export function meanRateFromKbps(samples: readonly ByteSample[], fromMs: number, minSpanMs: number): number {
  const after = samples.filter((s) => s.atMs >= fromMs);
  const first = after[0];
  const last = after.at(-1);
  if (!first || !last || last.atMs - first.atMs < minSpanMs) return 0;
  return meanRateKbps(after);
}

/**
 * Bytes on the wire for a UDP payload counter: each packet also carries 20 bytes of IPv4
 * and 8 of UDP header, which the link carries and a tc rate counts.
 */
export function withIpOverhead(payloadBytes: number, meanPacketBytes: number): number {
  if (meanPacketBytes <= 0) return payloadBytes;
  return payloadBytes * (1 + 28 / meanPacketBytes);
}
