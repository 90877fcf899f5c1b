import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { KanavaError, PeerIdSchema, RoomIdSchema, type PeerId, type RoomId } from '@kanava/shared';
import type { SfuEvents } from './api.ts';
import { MediasoupSfu } from './MediasoupSfu.ts';
import { opusSendParameters, vp8SimulcastParameters } from './testing/rtp.ts';

const log = pino({ level: 'silent' });
const room = RoomIdSchema.parse('point-test');
const aino = PeerIdSchema.parse('aino');
const mikko = PeerIdSchema.parse('mikko');

let sfu: MediasoupSfu;

beforeEach(async () => {
  sfu = await MediasoupSfu.create(
    {
      numWorkers: 1,
      workerBin: process.env.MEDIASOUP_WORKER_BIN,
      listenIp: '127.0.0.1',
      announcedAddress: undefined,
      rtcMinPort: 42000,
      rtcMaxPort: 42999,
      enableTcp: true,
      initialAvailableOutgoingBitrate: 1_000_000,
      logLevel: 'warn',
    },
    log,
  );
});

afterEach(async () => {
  await sfu.close();
});

async function sendingPeer(roomId: RoomId, peerId: PeerId) {
  const send = await sfu.createTransport({ roomId, peerId, direction: 'send' });
  const { producerId } = await sfu.produce({
    roomId,
    peerId,
    transportId: send.id,
    kind: 'audio',
    source: 'microphone',
    rtpParameters: opusSendParameters(1111),
    paused: false,
  });
  return { send, producerId };
}

describe('the mediasoup SFU (real worker)', () => {
  it('offers opus and VP8 (and VP9/H264) in one router per room, created once even when asked concurrently', async () => {
    const [a, b] = await Promise.all([sfu.openRoom(room), sfu.openRoom(room)]);
    const mimeTypes = a.rtpCapabilities.codecs?.map((c) => c.mimeType) ?? [];
    expect(mimeTypes).toEqual(expect.arrayContaining(['audio/opus', 'video/VP8', 'video/VP9', 'video/H264']));
    expect(b).toEqual(a);
    expect((await sfu.stats()).rooms).toBe(1);
  });

  it('gives transports ICE candidates on the configured address and port range, UDP and TCP', async () => {
    await sfu.openRoom(room);
    const t = await sfu.createTransport({ roomId: room, peerId: aino, direction: 'send' });
    expect(t.iceCandidates.map((c) => c.protocol).sort()).toEqual(['tcp', 'udp']);
    for (const c of t.iceCandidates) {
      expect(c.address).toBe('127.0.0.1');
      expect(c.port).toBeGreaterThanOrEqual(42000);
      expect(c.port).toBeLessThanOrEqual(42999);
    }
    expect(t.dtlsParameters.fingerprints.length).toBeGreaterThan(0);
  });

  it('lets one peer receive another peer’s audio and simulcast video, consumers starting paused', async () => {
    const { rtpCapabilities } = await sfu.openRoom(room);
    const { send, producerId } = await sendingPeer(room, aino);
    const { producerId: cameraId } = await sfu.produce({
      roomId: room,
      peerId: aino,
      transportId: send.id,
      kind: 'video',
      source: 'camera',
      rtpParameters: vp8SimulcastParameters(),
      paused: false,
    });
    const recv = await sfu.createTransport({ roomId: room, peerId: mikko, direction: 'recv' });
    const audio = await sfu.consume({ roomId: room, peerId: mikko, transportId: recv.id, producerId, rtpCapabilities });
    const video = await sfu.consume({ roomId: room, peerId: mikko, transportId: recv.id, producerId: cameraId, rtpCapabilities });
    expect(audio.kind).toBe('audio');
    expect(video.kind).toBe('video');
    expect(video.rtpParameters.codecs[0]?.mimeType).toBe('video/VP8');
    await sfu.resumeConsumer({ roomId: room, peerId: mikko, consumerId: audio.consumerId });
    expect(await sfu.stats()).toMatchObject({ transports: 2, producers: 2, consumers: 2 });
  });

  it('refuses to let one peer use another peer’s transport or consumer', async () => {
    const { rtpCapabilities } = await sfu.openRoom(room);
    const { send, producerId } = await sendingPeer(room, aino);
    await expect(
      sfu.produce({ roomId: room, peerId: mikko, transportId: send.id, kind: 'audio', source: 'microphone', rtpParameters: opusSendParameters(2222), paused: false }),
    ).rejects.toMatchObject({ code: 'notFound' });
    const recv = await sfu.createTransport({ roomId: room, peerId: mikko, direction: 'recv' });
    const c = await sfu.consume({ roomId: room, peerId: mikko, transportId: recv.id, producerId, rtpCapabilities });
    await expect(sfu.resumeConsumer({ roomId: room, peerId: aino, consumerId: c.consumerId })).rejects.toBeInstanceOf(KanavaError);
  });

  it('refuses media sent on a receive transport and parameters the worker rejects', async () => {
    await sfu.openRoom(room);
    const recv = await sfu.createTransport({ roomId: room, peerId: aino, direction: 'recv' });
    await expect(
      sfu.produce({ roomId: room, peerId: aino, transportId: recv.id, kind: 'audio', source: 'microphone', rtpParameters: opusSendParameters(1), paused: false }),
    ).rejects.toMatchObject({ code: 'invalidState' });
    const send = await sfu.createTransport({ roomId: room, peerId: aino, direction: 'send' });
    const bogus = { ...opusSendParameters(3), codecs: [{ mimeType: 'audio/nonexistent', payloadType: 100, clockRate: 8000 }] };
    await expect(
      sfu.produce({ roomId: room, peerId: aino, transportId: send.id, kind: 'audio', source: 'microphone', rtpParameters: bogus, paused: false }),
    ).rejects.toMatchObject({ code: 'badRequest' });
  });

  it('closes a leaving peer’s transports, producers and the consumers of its media, and says so', async () => {
    const { rtpCapabilities } = await sfu.openRoom(room);
    const { producerId } = await sendingPeer(room, aino);
    const recv = await sfu.createTransport({ roomId: room, peerId: mikko, direction: 'recv' });
    const consumer = await sfu.consume({ roomId: room, peerId: mikko, transportId: recv.id, producerId, rtpCapabilities });
    const closedConsumers: SfuEvents['consumerClosed'][] = [];
    const closedProducers: SfuEvents['producerClosed'][] = [];
    sfu.on('consumerClosed', (e) => closedConsumers.push(e));
    sfu.on('producerClosed', (e) => closedProducers.push(e));
    await sfu.closePeer({ roomId: room, peerId: aino });
    expect(closedProducers).toEqual([{ roomId: room, peerId: aino, producerId }]);
    // The worker reports the consumer's end asynchronously.
    await expect.poll(() => closedConsumers).toEqual([{ roomId: room, peerId: mikko, consumerId: consumer.consumerId }]);
    expect(await sfu.stats()).toMatchObject({ transports: 1, producers: 0, consumers: 0 });
  });

  it('replaces a worker that dies and reports the rooms it carried as lost', async () => {
    await sfu.openRoom(room);
    const lost: RoomId[] = [];
    // Reopened the moment the loss is known, as reconnecting clients may: it waits for the replacement worker instead of failing.
    let reopening: ReturnType<MediasoupSfu['openRoom']> | undefined;
    sfu.on('roomMediaLost', ({ roomId }) => {
      lost.push(roomId);
      reopening = sfu.openRoom(roomId);
    });
    const pids = await workerPids();
    process.kill(pids[0] ?? 0, 'SIGKILL');
    await expect.poll(() => lost, { timeout: 10_000 }).toEqual([room]);
    const reopened = await reopening;
    expect(reopened?.rtpCapabilities.codecs?.length).toBeGreaterThan(0);
    expect(await sfu.stats()).toMatchObject({ workers: 1, rooms: 1 });
    expect(sfu.healthy()).toBe(true);
    const t = await sfu.createTransport({ roomId: room, peerId: aino, direction: 'send' });
    expect(t.iceCandidates.length).toBeGreaterThan(0);
  });
});

/** The worker processes are this process's children running mediasoup-worker. */
async function workerPids(): Promise<number[]> {
  const { execFileSync } = await import('node:child_process');
  const out = execFileSync('pgrep', ['-P', String(process.pid), '-f', 'mediasoup-worker'], { encoding: 'utf8' });
  return out.trim().split('\n').map(Number).filter((n) => n > 0);
}
