import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningKanava } from '../app.ts';
import { connect, ok, startTestKanava } from '../signalling/testing.ts';

let kanava: RunningKanava;
const turn = { urls: ['turn:127.0.0.1:3478?transport=udp', 'turns:turn.example.fi:443?transport=tcp'], secret: 'coturn-shared-secret', ttlSeconds: 600 };

beforeAll(async () => {
  kanava = await startTestKanava({ turn });
});
afterAll(async () => {
  await kanava.close();
});

describe('TURN on join', () => {
  it('hands every transport time-limited coturn credentials that coturn can verify with the shared secret', async () => {
    const socket = await connect(kanava, { staff: 'mikko' });
    const caps = await ok(socket, 'room.getRouterCapabilities', { pointSlug: 'kuhmo' });
    await ok(socket, 'room.join', { pointSlug: 'kuhmo', displayName: 'x', rtpCapabilities: caps['routerRtpCapabilities'] });
    const transport = await ok(socket, 'transport.create', { direction: 'send' });
    const [server] = transport['iceServers'] as Array<{ urls: string[]; username: string; credential: string }>;
    expect(server?.urls).toEqual(turn.urls);
    const expires = Number(server?.username.split(':')[0]);
    const inSeconds = expires - Date.now() / 1000;
    expect(inSeconds).toBeGreaterThan(590);
    expect(inSeconds).toBeLessThanOrEqual(600);
    expect(server?.credential).toBe(createHmac('sha1', turn.secret).update(server?.username ?? '').digest('base64'));
    await ok(socket, 'room.leave', {});
    socket.disconnect();
  });
});
