import { cameraVerdict, type QualityFigures, type QualityPolicy, type QualityReason, type VideoFigures } from '@kanava/shared';

/**
 * In a call, a link's capacity is only seen through congestion control, which keeps its
 * rate 10–25 % under the bottleneck to keep the queue short: on a 400 kbit/s link the
 * browser's estimate moved between 278 and 402 kbit/s (recipe measurements, and our own
 * recorded series in fixtures/). A participant is below the minimum when their figure is
 * under 80 % of it: a 384 kbit/s link passes, a 250 kbit/s link (≈ 200–240 measured) does not.
 */
export const LINK_MARGIN = 0.8;

/** What of the participant's figures is below the policy's minimum now (empty: all fine, or nothing known). */
export function reasonsBelow(figures: QualityFigures, policy: QualityPolicy): QualityReason[] {
  const reasons: QualityReason[] = [];
  const { network } = policy;
  if (figures.upKbps !== null && figures.upKbps < network.minUpKbps * LINK_MARGIN) reasons.push('upload');
  if (figures.downKbps !== null && figures.downKbps < network.minDownKbps * LINK_MARGIN) reasons.push('download');
  if (figures.camera !== null && cameraVerdict({ status: 'measured', ...figures.camera }, policy) === 'belowMinimum') reasons.push('camera');
  return reasons;
}

const lower = (a: number | null, b: number | null): number | null => (a === null ? b : b === null ? a : Math.min(a, b));
const higher = (a: number | null, b: number | null): number | null => (a === null ? b : b === null ? a : Math.max(a, b));

function lowerVideo(a: VideoFigures | null, b: VideoFigures | null): VideoFigures | null {
  if (a === null || b === null) return a ?? b;
  return { width: Math.min(a.width, b.width), height: Math.min(a.height, b.height), frameRate: Math.min(a.frameRate, b.frameRate) };
}

/** The worse of two figures, field by field: lowest throughput, picture and score, highest RTT. */
export function worstOf(a: QualityFigures, b: QualityFigures): QualityFigures {
  return {
    upKbps: lower(a.upKbps, b.upKbps),
    downKbps: lower(a.downKbps, b.downKbps),
    camera: lowerVideo(a.camera, b.camera),
    sent: lowerVideo(a.sent, b.sent),
    rttMs: higher(a.rttMs, b.rttMs),
    score: lower(a.score, b.score),
  };
}

/** A participant of whom nothing is measured yet. */
export const NO_FIGURES: QualityFigures = { upKbps: null, downKbps: null, camera: null, sent: null, rttMs: null, score: null };
