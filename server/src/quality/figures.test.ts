import { describe, expect, it } from 'vitest';
import { ConsumerIdSchema, PeerIdSchema, ProducerIdSchema } from '@kanava/shared';
import type { SfuPeerQuality } from '@kanava/sfu/api';
import { figuresOf } from './figures.ts';

const peerId = PeerIdSchema.parse('aino');
const camera = (paused: boolean) => ({
  producerId: ProducerIdSchema.parse('cam'),
  kind: 'video' as const,
  source: 'camera' as const,
  paused,
  score: 9,
  streams: [{ rid: 'r0', kbps: 100, score: 9 }],
});
const sfu = (paused = false): SfuPeerQuality => ({
  peerId,
  send: { recvKbps: 200, lossPct: 0, producers: [camera(paused)] },
  recv: {
    sendKbps: 150,
    availableOutgoingKbps: 900,
    consumers: [{ consumerId: ConsumerIdSchema.parse('c'), producerId: ProducerIdSchema.parse('p'), kind: 'video', score: 7, producerScore: 10, spatialLayer: 1, temporalLayer: 2, kbps: 150 }],
  },
  rttMs: 30,
});
const report = { camera: { width: 1280, height: 720, frameRate: 30 }, sent: { width: 640, height: 360, frameRate: 30 }, availableOutgoingKbps: 350, rttMs: 12, qualityLimitation: 'bandwidth' as const };

describe('a participant’s figures', () => {
  it('take the better of the browser’s estimate and the SFU’s arrivals for the upload, and the SFU’s side for the download', () => {
    expect(figuresOf(sfu(), { at: 1000, report }, 2000)).toEqual({
      upKbps: 350,
      downKbps: 900,
      camera: report.camera,
      sent: report.sent,
      rttMs: 12,
      score: 9,
      sendLimitation: 'bandwidth',
      recvScore: 7,
    });
  });

  it('do not take the arrivals of a paused camera as the link’s upload, nor an old report as now', () => {
    const f = figuresOf(sfu(true), { at: 0, report }, 10_000);
    expect(f.upKbps).toBeNull();
    expect(f.camera).toBeNull();
    expect(f.rttMs).toBe(30);
  });

  it('know nothing of someone without media', () => {
    expect(figuresOf(undefined, undefined, 0)).toMatchObject({ upKbps: null, downKbps: null, recvScore: null });
  });
});
