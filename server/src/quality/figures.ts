import type { ClientMediaReport, QualityFigures } from '@kanava/shared';
import type { SfuPeerQuality } from '@kanava/sfu/api';

/** A browser report older than this no longer describes the call (reports come every 2 s). */
export const CLIENT_REPORT_MAX_AGE_MS = 6000;

/** mediasoup counts UDP payload; the link also carries IP and UDP headers (~3 % of a full video packet). */
const IP_OVERHEAD = 1.03;

export interface TimedReport {
  at: number;
  report: ClientMediaReport;
}

/**
 * One participant's figures, from what the SFU measured and what their browser reported.
 * Upload: the better of the browser's own bandwidth estimate and what actually arrived at
 * the SFU (a participant whose camera is off sends little, which says nothing about the
 * link, so arrivals count only while their camera is on). Download: the better of the
 * SFU's estimate towards them and what it actually sent, while they receive video (shown,
 * not judged: see judge.ts), and the loss score of what the SFU sends them.
 */
export function figuresOf(sfu: SfuPeerQuality | undefined, client: TimedReport | undefined, now: number): QualityFigures {
  const report = client && now - client.at <= CLIENT_REPORT_MAX_AGE_MS ? client.report : undefined;
  const camera = sfu?.send?.producers.find((p) => p.source === 'camera' && p.kind === 'video');
  const cameraOn = camera !== undefined && !camera.paused;

  const upCandidates: number[] = [];
  if (report?.availableOutgoingKbps != null) upCandidates.push(report.availableOutgoingKbps);
  if (cameraOn && sfu?.send) upCandidates.push(sfu.send.recvKbps * IP_OVERHEAD);

  const receivesVideo = sfu?.recv?.consumers.some((c) => c.kind === 'video' && (c.spatialLayer !== null || c.kbps > 0)) ?? false;
  const downCandidates: number[] = [];
  if (receivesVideo && sfu?.recv) {
    if (sfu.recv.availableOutgoingKbps !== null) downCandidates.push(sfu.recv.availableOutgoingKbps);
    downCandidates.push(sfu.recv.sendKbps * IP_OVERHEAD);
  }

  return {
    upKbps: upCandidates.length > 0 ? Math.round(Math.max(...upCandidates)) : null,
    downKbps: downCandidates.length > 0 ? Math.round(Math.max(...downCandidates)) : null,
    camera: cameraOn ? (report?.camera ?? null) : null,
    sent: cameraOn ? (report?.sent ?? null) : null,
    rttMs: report?.rttMs ?? sfu?.rttMs ?? null,
    score: cameraOn ? (camera.score ?? null) : null,
    sendLimitation: cameraOn ? (report?.qualityLimitation ?? null) : null,
    recvScore: receivesVideo && sfu?.recv ? Math.min(...sfu.recv.consumers.filter((c) => c.kind === 'video').map((c) => c.score)) : null,
  };
}
