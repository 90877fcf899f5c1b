/** One reading of the browser's counters for the probe stream (inbound-rtp). */
export interface InboundSample {
  /** When the last packet counted in this reading arrived (inbound-rtp lastPacketReceivedTimestamp): exact, unlike the time of the reading. */
  atMs: number;
  /** Payload + RTP header bytes. */
  bytes: number;
  packets: number;
}

/** SRTP authentication tag, UDP and IPv4 headers: on the wire for every packet, not in the browser's byte counters. */
const PER_PACKET_OVERHEAD = 10 + 8 + 20;
/** The first moments after the flood reaches us include the bottleneck's burst allowance; the rate is read after them. */
const SKIP_MS = 300;

/**
 * The download rate (kbit/s) from the arrivals of a constant-rate flood: bytes between the
 * first reading after the start-up burst and the last reading that still grew, over the time
 * between the arrivals of the last packets those two readings counted. Arrivals at
 * the far side of a saturated bottleneck come at exactly its rate, so the mean over that span
 * is the link's rate (the flood itself is sent above it).
 */
export function downloadKbps(samples: readonly InboundSample[]): number {
  const arriving = samples.filter((s) => s.bytes > 0);
  const first = arriving[0];
  if (!first) return 0;
  const start = arriving.find((s) => s.atMs - first.atMs >= SKIP_MS) ?? first;
  let end = start;
  for (const s of arriving) if (s.bytes > end.bytes) end = s;
  if (end.atMs <= start.atMs) return 0;
  const wire = (s: InboundSample) => s.bytes + s.packets * PER_PACKET_OVERHEAD;
  return Math.round(((wire(end) - wire(start)) * 8) / (end.atMs - start.atMs));
}
