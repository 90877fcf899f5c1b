import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { io, type Socket } from 'socket.io-client';
import { PROTOCOL_VERSION, type AckResult } from '@kanava/shared';
import { opusSendParameters } from '../../../sfu/src/testing/rtp.ts';
import { startKanava, type RunningKanava } from '../app.ts';
import { loadConfig } from '../config.ts';

let kanava: RunningKanava;
const sockets: Socket[] = [];

beforeAll(async () => {
  const config = loadConfig(
    { KANAVA_PORT: '0', KANAVA_HOST: '127.0.0.1', KANAVA_RTC_LISTEN_IP: '127.0.0.1', KANAVA_SFU_WORKERS: '1', KANAVA_CLIENT_DIR: '/nonexistent' },
    process.cwd(),
  );
  kanava = await startKanava({ ...config, sfu: { ...config.sfu, workerBin: process.env.MEDIASOUP_WORKER_BIN } }, pino({ level: 'silent' }), ':memory:');
});

afterAll(async () => {
  for (const s of sockets) s.disconnect();
  await kanava.close();
});

function connect(protocolVersion: unknown = PROTOCOL_VERSION): Promise<Socket> {
  const socket = io(kanava.url, { transports: ['websocket'], auth: { protocolVersion }, reconnection: false, forceNew: true });
  sockets.push(socket);
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
  });
}

function request(socket: Socket, name: string, payload: unknown): Promise<AckResult<Record<string, unknown>>> {
  return socket.timeout(5000).emitWithAck(name, payload);
}

async function joinedPeer(name: string) {
  const socket = await connect();
  const caps = await request(socket, 'room.getRouterCapabilities', { pointSlug: 'kuhmo' });
  if (!caps.ok) throw new Error(caps.error.message);
  const joined = await request(socket, 'room.join', { pointSlug: 'kuhmo', displayName: name, rtpCapabilities: caps.data['routerRtpCapabilities'] });
  if (!joined.ok) throw new Error(joined.error.message);
  return { socket, joined: joined.data };
}

describe('signalling over socket.io (real server, real SFU)', () => {
  it('refuses a client that speaks another protocol version, with a reason', async () => {
    await expect(connect(PROTOCOL_VERSION + 1)).rejects.toMatchObject({ message: 'protocolMismatch', data: { code: 'protocolMismatch' } });
    await expect(connect('one')).rejects.toMatchObject({ data: { code: 'protocolMismatch' } });
  });

  it('answers malformed and unknown requests with an error, and keeps the connection', async () => {
    const socket = await connect();
    expect(await request(socket, 'room.join', { pointSlug: 'kuhmo' })).toMatchObject({ ok: false, error: { code: 'badRequest' } });
    expect(await request(socket, 'room.join', 'not an object')).toMatchObject({ ok: false, error: { code: 'badRequest' } });
    expect(await request(socket, 'room.explode', {})).toMatchObject({ ok: false, error: { code: 'unknownRequest' } });
    expect(await request(socket, 'transport.create', { direction: 'send' })).toMatchObject({ ok: false, error: { code: 'notInRoom' } });
    socket.emit('room.join', { pointSlug: 'kuhmo' }); // no acknowledgement: dropped
    expect(await request(socket, 'room.getRouterCapabilities', { pointSlug: 'ei-ole' })).toMatchObject({ ok: false, error: { code: 'pointNotFound' } });
    expect(socket.connected).toBe(true);
    const ok = await request(socket, 'room.getRouterCapabilities', { pointSlug: 'kuhmo' });
    expect(ok.ok).toBe(true);
  });

  it('never leaks a stack trace in an error', async () => {
    const socket = await connect();
    const res = await request(socket, 'room.join', { pointSlug: 'kuhmo', displayName: 'x', rtpCapabilities: { codecs: 'nope' } });
    expect(res.ok).toBe(false);
    expect(JSON.stringify(res)).not.toMatch(/at .*\.ts:\d+/);
  });

  it('tells those in the room about a newcomer, their media, and their leaving', async () => {
    const aino = await joinedPeer('Aino');
    const joinedEvent = new Promise((resolve) => aino.socket.once('peerJoined', resolve));
    const mikko = await joinedPeer('Mikko');
    expect(mikko.joined['peers']).toEqual([expect.objectContaining({ displayName: 'Aino' })]);
    expect(await joinedEvent).toMatchObject({ peer: { displayName: 'Mikko' } });

    const producerAdded = new Promise((resolve) => aino.socket.once('producerAdded', resolve));
    const send = await request(mikko.socket, 'transport.create', { direction: 'send' });
    if (!send.ok) throw new Error(send.error.message);
    const produced = await request(mikko.socket, 'producer.create', {
      transportId: send.data['id'],
      kind: 'audio',
      source: 'microphone',
      rtpParameters: opusSendParameters(5555),
    });
    expect(produced.ok).toBe(true);
    expect(await producerAdded).toMatchObject({ producer: { source: 'microphone', kind: 'audio', peerId: mikko.joined['peerId'] } });

    // A camera that claims to be audio is refused by the room's rules.
    const wrong = await request(mikko.socket, 'producer.create', { transportId: send.data['id'], kind: 'audio', source: 'camera', rtpParameters: opusSendParameters(6666) });
    expect(wrong).toMatchObject({ ok: false, error: { code: 'badRequest' } });

    // Mikko's browser vanishes without saying goodbye: the others are told, his media is closed.
    const left = new Promise((resolve) => aino.socket.once('peerLeft', resolve));
    mikko.socket.disconnect();
    expect(await left).toEqual({ peerId: mikko.joined['peerId'] });
    const signalling = kanava.signalling;
    const room = signalling.rooms.get(aino.joined['roomId'] as never);
    await expect.poll(() => room?.producers().length).toBe(0);
    aino.socket.disconnect();
    await expect.poll(() => signalling.rooms.size).toBe(0);
  });
});
