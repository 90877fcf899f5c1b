import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { PeerIdSchema, PrecheckIdSchema, RoomIdSchema, type PrecheckId } from '@kanava/shared';
import type { SfuEvents } from '../api.ts';
import { MediasoupSfu } from '../MediasoupSfu.ts';
import { opusSendParameters } from '../testing/rtp.ts';
import { MAX_CONCURRENT_PROBES } from './ProbeManager.ts';

const log = pino({ level: 'silent' });
const room = RoomIdSchema.parse('point-quality');
const aino = PeerIdSchema.parse('aino');
const mikko = PeerIdSchema.parse('mikko');
const probeId = (n: number): PrecheckId => PrecheckIdSchema.parse(`00000000-0000-4000-8000-00000000000${n}`);

let sfu: MediasoupSfu;

beforeEach(async () => {
  sfu = await MediasoupSfu.create(
    {
      numWorkers: 1,
      workerBin: process.env['MEDIASOUP_WORKER_BIN'],
      listenIp: '127.0.0.1',
      announcedAddress: undefined,
      rtcMinPort: 42000,
      rtcMaxPort: 42999,
      enableTcp: false,
      initialAvailableOutgoingBitrate: 1_000_000,
      logLevel: 'warn',
      qualitySampleMs: 200,
    },
    log,
  );
});

afterEach(async () => {
  await sfu.close();
});

describe('the pre-call probe (real worker)', () => {
  it('opens its own router with a send and a receive transport, and a probe stream the browser receives without NACK', async () => {
    const probe = await sfu.openProbe({ probeId: probeId(1) });
    expect(probe.send.iceCandidates[0]?.address).toBe('127.0.0.1');
    expect(probe.recv.id).not.toBe(probe.send.id);
    expect(probe.rtpCapabilities.codecs?.map((c) => c.mimeType)).toContain('video/VP8');
    const consumer = await sfu.probeDownload({ probeId: probeId(1), rtpCapabilities: probe.rtpCapabilities });
    expect(consumer.kind).toBe('video');
    expect(consumer.rtpParameters.codecs[0]?.rtcpFeedback?.some((fb) => fb.type === 'nack')).toBe(false);
    // No room was opened for it: a customer in the lobby gets no call media.
    expect((await sfu.stats()).rooms).toBe(0);
    await sfu.closeProbe({ probeId: probeId(1) });
    await sfu.closeProbe({ probeId: probeId(1) });
    await expect(sfu.probeDownload({ probeId: probeId(1), rtpCapabilities: probe.rtpCapabilities })).rejects.toMatchObject({ code: 'notFound' });
  });

  it('refuses to measure an upload before the test video, and more checks than it may run at once', async () => {
    await sfu.openProbe({ probeId: probeId(1) });
    await expect(sfu.measureProbeUpload({ probeId: probeId(1), startKbps: 2500, maxDurationMs: 3000 })).rejects.toMatchObject({ code: 'invalidState' });
    for (let n = 2; n <= MAX_CONCURRENT_PROBES; n++) await sfu.openProbe({ probeId: probeId(n) });
    await expect(sfu.openProbe({ probeId: probeId(9) })).rejects.toMatchObject({ code: 'rateLimited' });
    await sfu.closeProbe({ probeId: probeId(1) });
    await expect(sfu.openProbe({ probeId: probeId(9) })).resolves.toBeDefined();
  });
});

describe('the room quality monitor (real worker)', () => {
  it('reports each participant’s sending and receiving side every period, and stops with the room', async () => {
    const { rtpCapabilities } = await sfu.openRoom(room);
    const send = await sfu.createTransport({ roomId: room, peerId: aino, direction: 'send' });
    const { producerId } = await sfu.produce({ roomId: room, peerId: aino, transportId: send.id, kind: 'audio', source: 'microphone', rtpParameters: opusSendParameters(4444), paused: false });
    const recv = await sfu.createTransport({ roomId: room, peerId: mikko, direction: 'recv', downlink: { kbps: 400, atCeiling: false } });
    await sfu.consume({ roomId: room, peerId: mikko, transportId: recv.id, producerId, rtpCapabilities });
    const samples: SfuEvents['qualitySampled'][] = [];
    sfu.on('qualitySampled', (s) => samples.push(s));
    await expect.poll(() => samples.length, { timeout: 3000 }).toBeGreaterThan(0);
    const last = samples.at(-1);
    const byPeer = new Map(last?.peers.map((p) => [p.peerId, p]));
    expect(byPeer.get(aino)?.send?.producers).toEqual([expect.objectContaining({ producerId, kind: 'audio', source: 'microphone', paused: false })]);
    expect(byPeer.get(mikko)?.recv?.consumers).toEqual([expect.objectContaining({ producerId, kind: 'audio' })]);
    await sfu.closeRoom(room);
    const count = samples.length;
    await new Promise((r) => setTimeout(r, 500));
    expect(samples.length).toBe(count);
  });
});
