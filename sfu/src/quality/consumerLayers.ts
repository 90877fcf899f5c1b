import type { types } from 'mediasoup';
import type { MediaSource } from '@kanava/shared';

/** mediasoup's start estimate may not go below what one camera layer needs, nor above what the probe can confirm. */
const MIN_START_BPS = 300_000;
const MAX_START_BPS = 3_000_000;

/** The receive transport's first bandwidth estimate: the measured download when known, else the configured default. */
export function startBitrateBps(startBitrateKbps: number | undefined, fallbackBps: number): number {
  if (startBitrateKbps === undefined || !Number.isFinite(startBitrateKbps)) return fallbackBps;
  return Math.min(MAX_START_BPS, Math.max(MIN_START_BPS, Math.round(startBitrateKbps * 1000)));
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
