import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { PeerIdSchema, RoomIdSchema, type RoomId } from '@kanava/shared';
import type { SfuEvents } from '../api.ts';
import { opusSendParameters, vp8SimulcastParameters } from '../testing/rtp.ts';
import { RemoteSfuService } from './RemoteSfuService.ts';
import { sfuKeys } from './wire.ts';

const log = pino({ level: 'silent' });
const nodeMain = path.join(path.dirname(fileURLToPath(import.meta.url)), '../node/main.ts');
const run = randomUUID().slice(0, 8);
const aino = PeerIdSchema.parse('aino');
const mikko = PeerIdSchema.parse('mikko');
/** How long a node keeps the rooms of a server that is gone (the servers poll every 250 ms). */
const ORPHAN_GRACE_MS = 3000;
const portRanges = { a: [43000, 43499], b: [43500, 43999] } as const;

interface NodeProcess {
  nodeId: string;
  child: ChildProcess;
  ports: readonly [number, number];
}

function startNode(name: 'a' | 'b', redisUrl: string): NodeProcess {
  const nodeId = `test-${name}-${run}`;
  const ports = portRanges[name];
  const child = spawn(process.execPath, [nodeMain], {
    env: {
      PATH: process.env['PATH'],
      REDIS_URL: redisUrl,
      KANAVA_SFU_NODE_ID: nodeId,
      KANAVA_SFU_WORKERS: '1',
      KANAVA_RTC_LISTEN_IP: '127.0.0.1',
      KANAVA_RTC_MIN_PORT: String(ports[0]),
      KANAVA_RTC_MAX_PORT: String(ports[1]),
      KANAVA_SFU_HEARTBEAT_MS: '250',
      KANAVA_SFU_HEARTBEAT_TTL_MS: '1500',
      KANAVA_SFU_ORPHAN_GRACE_MS: String(ORPHAN_GRACE_MS),
      KANAVA_SFU_HTTP_PORT: '0',
      KANAVA_SFU_HTTP_HOST: '127.0.0.1',
      KANAVA_LOG_LEVEL: 'warn',
      ...(process.env['MEDIASOUP_WORKER_BIN'] ? { MEDIASOUP_WORKER_BIN: process.env['MEDIASOUP_WORKER_BIN'] } : {}),
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return { nodeId, child, ports };
}

function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((resolve) => child.once('exit', () => resolve()));
}

async function connectServer(redisUrl: string): Promise<RemoteSfuService> {
  return RemoteSfuService.connect({ redis: new Redis(redisUrl), subscriber: new Redis(redisUrl), log }, { requestTimeoutMs: 3000, pollMs: 250 });
}

/** A sender (audio + simulcast camera) and a receiver consuming both, as in a call. */
async function call(sfu: RemoteSfuService, roomId: RoomId) {
  const { rtpCapabilities } = await sfu.openRoom(roomId);
  const send = await sfu.createTransport({ roomId, peerId: aino, direction: 'send' });
  const audio = await sfu.produce({ roomId, peerId: aino, transportId: send.id, kind: 'audio', source: 'microphone', rtpParameters: opusSendParameters(5151), paused: false });
  const video = await sfu.produce({ roomId, peerId: aino, transportId: send.id, kind: 'video', source: 'camera', rtpParameters: vp8SimulcastParameters(), paused: false });
  const recv = await sfu.createTransport({ roomId, peerId: mikko, direction: 'recv', downlink: { kbps: 2000, atCeiling: false } });
  const consumers = [];
  for (const { producerId } of [audio, video]) {
    const consumer = await sfu.consume({ roomId, peerId: mikko, transportId: recv.id, producerId, rtpCapabilities });
    await sfu.resumeConsumer({ roomId, peerId: mikko, consumerId: consumer.consumerId });
    consumers.push(consumer);
  }
  return { send, recv, audio, video, consumers };
}

let nodes: Record<'a' | 'b', NodeProcess>;
let sfu: RemoteSfuService;
let otherServer: RemoteSfuService;

beforeAll(async () => {
  const redisUrl = inject('redisUrl');
  nodes = { a: startNode('a', redisUrl), b: startNode('b', redisUrl) };
  sfu = await connectServer(redisUrl);
  otherServer = await connectServer(redisUrl);
  const ours = new Set([nodes.a.nodeId, nodes.b.nodeId]);
  const bothLive = (server: RemoteSfuService) => () => {
    if (server.liveNodes().filter((h) => ours.has(h.nodeId)).length !== 2) throw new Error('the SFU nodes are not up yet');
  };
  await vi.waitFor(bothLive(sfu), { timeout: 20_000, interval: 100 });
  await vi.waitFor(bothLive(otherServer), { timeout: 5000, interval: 100 });
});

afterAll(async () => {
  await sfu?.close();
  await otherServer?.close();
  for (const node of Object.values(nodes ?? {})) {
    node.child.kill('SIGKILL');
    await exited(node.child);
  }
});

const nodeOf = (nodeId: string | undefined) => Object.values(nodes).find((n) => n.nodeId === nodeId);

describe('SFU nodes over Redis (two node processes, real workers)', () => {
  it('places a room on the least-loaded node, keeps it there for every server, and serves a call on it', async () => {
    const busy = RoomIdSchema.parse(`busy-${run}`);
    const media = await call(sfu, busy);
    const busyNode = nodeOf((await sfu.placementOf(busy))?.nodeId);
    expect(busyNode).toBeDefined();
    const [low, high] = busyNode?.ports ?? [0, 0];
    for (const c of media.send.iceCandidates) expect(c.port).toBeGreaterThanOrEqual(low), expect(c.port).toBeLessThanOrEqual(high);
    expect(media.consumers.map((c) => c.kind)).toEqual(['audio', 'video']);

    // The next room goes where there are fewer consumers, once the heartbeat has told.
    await expect
      .poll(() => sfu.liveNodes().find((h) => h.nodeId === busyNode?.nodeId)?.load.consumers, { timeout: 5000 })
      .toBe(2);
    const quiet = RoomIdSchema.parse(`quiet-${run}`);
    await sfu.openRoom(quiet);
    const quietPlacement = await sfu.placementOf(quiet);
    expect(quietPlacement?.nodeId).not.toBe(busyNode?.nodeId);

    // Another signalling server finds the room where it is, and its calls reach the same media.
    await otherServer.openRoom(busy);
    expect((await otherServer.placementOf(busy))?.nodeId).toBe(busyNode?.nodeId);
    await expect(otherServer.setProducerPaused({ roomId: busy, peerId: aino, producerId: media.audio.producerId, paused: true })).resolves.toBeUndefined();

    // Redis lost its keys (restarted without persistence): the server writes its placements again.
    const placed = await sfu.placementOf(busy);
    const admin = new Redis(inject('redisUrl'));
    await admin.del(sfuKeys.room(busy));
    admin.disconnect();
    await expect.poll(() => sfu.placementOf(busy), { timeout: 5000 }).toEqual(placed);

    // Released by every server that used it: the placement goes, and nobody writes it again.
    await otherServer.closeRoom(busy);
    await sfu.closeRoom(busy);
    await sfu.closeRoom(quiet);
    expect(await sfu.placementOf(busy)).toBeUndefined();
    await new Promise((resolve) => setTimeout(resolve, 600)); // two poll periods of both servers
    expect(await sfu.placementOf(busy)).toBeUndefined();
  });

  it('carries the SFU’s refusals back as the same errors, and its events to the server that opened the room', async () => {
    const roomId = RoomIdSchema.parse(`events-${run}`);
    await expect(sfu.createTransport({ roomId, peerId: aino, direction: 'send' })).rejects.toMatchObject({ code: 'invalidState' });
    const media = await call(sfu, roomId);
    await expect(
      sfu.produce({ roomId, peerId: mikko, transportId: media.recv.id, kind: 'audio', source: 'microphone', rtpParameters: opusSendParameters(9), paused: false }),
    ).rejects.toMatchObject({ code: 'invalidState' });
    await expect(sfu.resumeConsumer({ roomId, peerId: aino, consumerId: media.consumers[0]?.consumerId ?? ('x' as never) })).rejects.toMatchObject({ code: 'notFound' });

    const sampled: SfuEvents['qualitySampled'][] = [];
    sfu.on('qualitySampled', (s) => sampled.push(s));
    await expect.poll(() => sampled.filter((s) => s.roomId === roomId).length, { timeout: 5000 }).toBeGreaterThan(0);
    const peers = new Set(sampled.at(-1)?.peers.map((p) => p.peerId));
    expect(peers).toEqual(new Set([aino, mikko]));

    const producers: SfuEvents['producerClosed'][] = [];
    const consumers: SfuEvents['consumerClosed'][] = [];
    sfu.on('producerClosed', (e) => producers.push(e));
    sfu.on('consumerClosed', (e) => consumers.push(e));
    await sfu.closePeer({ roomId, peerId: aino });
    await expect.poll(() => producers.length, { timeout: 5000 }).toBe(2);
    await expect.poll(() => consumers.map((c) => c.peerId), { timeout: 5000 }).toEqual([mikko, mikko]);
    await sfu.closeRoom(roomId);
  });

  it('refuses a request whose parameters do not parse, naming the fields, and ignores what is not a request', async () => {
    const redisUrl = inject('redisUrl');
    const listener = new Redis(redisUrl);
    const sender = new Redis(redisUrl);
    const replies: unknown[] = [];
    listener.on('message', (_channel: string, message: string) => replies.push(JSON.parse(message)));
    await listener.subscribe(sfuKeys.replies('test-raw'));
    await sender.publish(sfuKeys.requests(nodes.a.nodeId), 'not json');
    await sender.publish(sfuKeys.requests(nodes.a.nodeId), JSON.stringify({ id: 'x1', from: 'test-raw', method: 'formatDisk', params: {} }));
    await sender.publish(
      sfuKeys.requests(nodes.a.nodeId),
      JSON.stringify({ id: 'x2', from: 'test-raw', method: 'createTransport', params: { roomId: 'r', peerId: 'p', direction: 'sideways' } }),
    );
    await expect.poll(() => replies, { timeout: 5000 }).toEqual([
      { id: 'x2', ok: false, error: { code: 'badRequest', message: 'createTransport: bad parameters (direction)' } },
    ]);
    listener.disconnect();
    sender.disconnect();
  });

  it('closes the rooms of a server that is gone for good after the grace period, and only those', async () => {
    const gone = await connectServer(inject('redisUrl'));
    const orphan = RoomIdSchema.parse(`orphan-${run}`);
    const kept = RoomIdSchema.parse(`kept-${run}`);
    await call(gone, orphan);
    await call(sfu, kept);
    const placement = await gone.placementOf(orphan);
    if (!placement) throw new Error('the room was not placed');
    // A heartbeat written after both rooms were opened: its room count includes the orphan.
    const openedAt = Date.now();
    const heartbeatOf = () => sfu.liveNodes().find((h) => h.nodeId === placement.nodeId);
    await expect.poll(() => heartbeatOf()?.at ?? 0, { timeout: 5000, interval: 100 }).toBeGreaterThan(openedAt);
    const node = heartbeatOf();
    if (!node) throw new Error('the room’s node is not live');

    const goneAt = Date.now();
    await gone.close();
    // Within the grace a reconnecting participant's new server could still take the room over.
    expect(await sfu.placementOf(orphan)).toEqual(placement);
    await expect.poll(() => sfu.placementOf(orphan), { timeout: ORPHAN_GRACE_MS + 10_000, interval: 200 }).toBeUndefined();
    expect(Date.now() - goneAt).toBeGreaterThanOrEqual(ORPHAN_GRACE_MS);
    // The room is really closed on the node: its router went (the heartbeat counts one room fewer than with it).
    await expect
      .poll(() => heartbeatOf()?.load.rooms, { timeout: 5000, interval: 200 })
      .toBeLessThan(node.load.rooms);
    // A live server's room stays where it was and serves on.
    expect(await sfu.placementOf(kept)).toBeDefined();
    const more = await sfu.createTransport({ roomId: kept, peerId: mikko, direction: 'recv', downlink: { kbps: 2000, atCeiling: false } });
    expect(more.id).toBeTruthy();
    await sfu.closeRoom(kept);
  });

  it('moves a room to the other node when its node dies, within 10 s, and serves the call there', async () => {
    const roomId = RoomIdSchema.parse(`failover-${run}`);
    const first = await call(sfu, roomId);
    const before = await sfu.placementOf(roomId);
    const doomed = nodeOf(before?.nodeId);
    const survivor = Object.values(nodes).find((n) => n !== doomed);
    if (!doomed || !survivor) throw new Error('the room was not placed on a test node');
    const lost: RoomId[] = [];
    const producersGone: string[] = [];
    sfu.on('producerClosed', (e) => {
      if (e.roomId === roomId) producersGone.push(e.producerId);
    });
    let goneBeforeLoss: string[] = [];
    sfu.on('roomMediaLost', ({ roomId: r }) => {
      lost.push(r);
      if (r === roomId) goneBeforeLoss = [...producersGone];
    });

    const killedAt = Date.now();
    doomed.child.kill('SIGKILL');
    await exited(doomed.child);
    await expect.poll(() => lost, { timeout: 10_000, interval: 100 }).toContain(roomId);
    const detectedMs = Date.now() - killedAt;
    // The room stops offering the dead node's producers before the peers come back (no stale consumers).
    expect(goneBeforeLoss.sort()).toEqual([first.audio.producerId, first.video.producerId].sort());

    // The participants' clients set up their media again: the same requests as after a reconnect.
    const media = await call(sfu, roomId);
    const recoveredMs = Date.now() - killedAt;
    expect((await sfu.placementOf(roomId))?.nodeId).toBe(survivor.nodeId);
    for (const c of media.recv.iceCandidates) expect(c.port).toBeGreaterThanOrEqual(survivor.ports[0]);
    expect(media.consumers).toHaveLength(2);
    expect(sfu.healthy()).toBe(true);
    // Shown in the test output: how long the move took with a 1.5 s heartbeat TTL.
    process.stdout.write(`SFU node failover: lost noticed after ${detectedMs} ms, call served again after ${recoveredMs} ms\n`);
  });
});
