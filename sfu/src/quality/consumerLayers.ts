import type { types } from 'mediasoup';
import type { MediaSource } from '@kanava/shared';

/** mediasoup's start estimate may not go below what one camera layer needs, nor above what the probe can confirm. */
const MIN_START_BPS = 300_000;
const MAX_START_BPS = 3_000_000;

/**
 * Where the estimate starts, as a share of the measured download: the participant's audio and
 * the packet overhead share the link, and a layer chosen right at the link's rate loses packets
 * from the first second (recorded on a 400 kbit/s link: the 360p layer was picked, lost, dropped).
 */
const START_SHARE = 0.75;

/** The receive transport's first bandwidth estimate: most of the measured download when known, else the configured default. */
export function startBitrateBps(measuredDownKbps: number | undefined, fallbackBps: number): number {
  if (measuredDownKbps === undefined || !Number.isFinite(measuredDownKbps)) return fallbackBps;
  return Math.min(MAX_START_BPS, Math.max(MIN_START_BPS, Math.round(measuredDownKbps * 1000 * START_SHARE)));
}

/** The most the SFU sends a participant whose measured download is known (and below the check's ceiling). */
export function downlinkCapBps(downlink: { kbps: number; atCeiling: boolean } | undefined): number | undefined {
  if (!downlink || downlink.atCeiling || !Number.isFinite(downlink.kbps)) return undefined;
  return Math.max(MIN_START_BPS, Math.round(downlink.kbps * 1000));
}

/**
 * How a consumer of each source is forwarded. Every receiver asks for the top layer; mediasoup
 * then forwards the highest simulcast layer (and frame rate) that fits its bandwidth estimate
 * towards that receiver, and comes back up when the estimate grows. A document or screen is
 * what the expert must read: it gets a larger share when a link cannot carry everything.
 */
export function consumerLayerPolicy(source: MediaSource): { preferredLayers: types.ConsumerLayers; priority: number } {
  const top: types.ConsumerLayers = { spatialLayer: 2, temporalLayer: 2 };
  switch (source) {
    case 'documentCamera':
    case 'screen':
      return { preferredLayers: top, priority: 2 };
    case 'camera':
    case 'microphone':
      return { preferredLayers: top, priority: 1 };
    default: {
      const never: never = source;
      throw new Error(`unknown media source ${String(never)}`);
    }
  }
}
