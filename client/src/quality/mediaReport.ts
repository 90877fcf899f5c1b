import type { types } from 'mediasoup-client';
import type { ClientMediaReport, VideoFigures } from '@kanava/shared';
import { candidatePairRttSeconds } from './statsFields.ts';

const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

/**
 * What this browser sees of its own media, for the server's quality monitor: the camera as
 * it delivers frames (media-source stats, measured from the track), the best layer the
 * encoder is sending, the bandwidth estimate of the sending path and the round-trip time.
 */
export async function mediaReport(send: types.Transport | undefined, camera: types.Producer | undefined): Promise<ClientMediaReport> {
  const report: ClientMediaReport = { camera: null, sent: null, availableOutgoingKbps: null, rttMs: null, qualityLimitation: null };
  if (!send || send.closed) return report;
  const stats = camera && !camera.closed && !camera.paused ? await camera.getStats() : await send.getStats();
  let best: (VideoFigures & { limitation: unknown }) | undefined;
  stats.forEach((s: Record<string, unknown>) => {
    const type = s['type'];
    if (type === 'media-source' && s['kind'] === 'video') {
      const width = num(s['width']);
      const height = num(s['height']);
      const frameRate = num(s['framesPerSecond']);
      if (width && height && frameRate !== undefined) report.camera = { width, height, frameRate: round1(frameRate) };
    } else if (type === 'outbound-rtp' && s['kind'] === 'video') {
      const width = num(s['frameWidth']);
      const height = num(s['frameHeight']);
      const frameRate = num(s['framesPerSecond']);
      if (s['active'] === false || !width || !height || !frameRate) return;
      if (!best || width * height > best.width * best.height) best = { width, height, frameRate: round1(frameRate), limitation: s['qualityLimitationReason'] };
    } else if (type === 'candidate-pair' && s['state'] === 'succeeded' && s['nominated'] !== false) {
      const aob = num(s['availableOutgoingBitrate']);
      const rtt = candidatePairRttSeconds(s);
      if (aob !== undefined) report.availableOutgoingKbps = Math.round(aob / 1000);
      if (rtt !== undefined) report.rttMs = Math.round(rtt * 1000);
    }
  });
  if (best) {
    report.sent = { width: best.width, height: best.height, frameRate: best.frameRate };
    const l = best.limitation;
    // Firefox has no qualityLimitationReason: unknown, not 'other'.
    report.qualityLimitation = l === undefined ? null : l === 'none' || l === 'bandwidth' || l === 'cpu' ? l : 'other';
  }
  return report;
}

const round1 = (v: number) => Math.round(v * 10) / 10;
