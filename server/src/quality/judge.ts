import { cameraVerdict, type QualityFigures, type QualityPolicy, type QualityReason, type VideoFigures } from '@kanava/shared';

/**
 * In a call, a link's capacity is only seen through congestion control. Recorded on our
 * shaped links (fixtures/*.json, ARCHITECTURE.md):
 * - Upload: the browser's bandwidth estimate (or what arrives at the SFU). Simulcast always
 *   has more to send (three layers, up to ~1.4 Mbit/s), so the estimate keeps probing and
 *   shows the link: a 400 kbit/s link reads 290–370, a 250 kbit/s link 150–250. Below 70 % of
 *   the minimum (269 kbit/s) is below it. Not while the browser says its CPU limits the
 *   encoder: Chrome then drops layers, and its estimate may not rise far above what it sends.
 * - Download: the SFU's estimate only rises when it has more to send. An expert receiving a
 *   customer's 180p layer reads ~200 kbit/s on an unshaped link, and a 400 kbit/s link held
 *   to the lowest layer reads 120–200: the figure is shown but cannot be compared with the
 *   minimum. What is judged is failure to deliver: the loss score of the video the SFU sends
 *   the participant. The capacity itself is measured by the pre-call check.
 */
export const UPLOAD_MARGIN = 0.7;
/** mediasoup's score falls with the fraction lost (10: none); at 5 and below a picture breaks up. */
export const DOWNLOAD_MIN_SCORE = 5;

/**
 * What of the participant's figures is below the policy's minimum now (empty: all fine, or
 * nothing known). The camera is judged by the picture size it delivers: its frame rate in a
 * call follows the machine's load (a kiosk PC encoding three layers reads 14–31 fps from a
 * 30 fps camera), so the frame rate is shown and recorded but judged only in the pre-call check.
 */
export function reasonsBelow(figures: QualityFigures, policy: QualityPolicy): QualityReason[] {
  const reasons: QualityReason[] = [];
  // `off`: the figures are shown, nothing is judged (so no incident is ever raised).
  if (policy.mode === 'off') return reasons;
  const { network } = policy;
  // A sender its own CPU holds back sends little, and its estimate follows what it sends: that says nothing about the link.
  const cpuBound = figures.sendLimitation === 'cpu';
  if (figures.upKbps !== null && !cpuBound && figures.upKbps < network.minUpKbps * UPLOAD_MARGIN) reasons.push('upload');
  if (figures.recvScore !== null && figures.recvScore <= DOWNLOAD_MIN_SCORE) reasons.push('download');
  const camera = figures.camera;
  if (camera !== null && cameraVerdict({ status: 'measured', ...camera, frameRate: policy.camera.minFrameRate }, policy) === 'belowMinimum') reasons.push('camera');
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
    recvScore: lower(a.recvScore, b.recvScore),
    sendLimitation: b.sendLimitation ?? a.sendLimitation,
  };
}

/** A participant of whom nothing is measured yet. */
export const NO_FIGURES: QualityFigures = { upKbps: null, downKbps: null, camera: null, sent: null, rttMs: null, score: null, recvScore: null, sendLimitation: null };
