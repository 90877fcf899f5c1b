import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import { PROTOCOL_VERSION } from '@kanava/shared';
import { opusSendParameters } from '../../../sfu/src/testing/rtp.ts';
import type { RunningKanava } from '../app.ts';
import { KIOSK_TOKEN, connect, nextEvent, ok, request, startTestKanava } from './testing.ts';

let kanava: RunningKanava;
const sockets: Socket[] = [];

beforeAll(async () => {
  kanava = await startTestKanava({ reconnectGraceMs: 1500 });
});

afterAll(async () => {
  for (const s of sockets) s.disconnect();
  await kanava.close();
});

async function open(staff?: string): Promise<Socket> {
  const socket = await connect(kanava, staff ? { staff } : {});
  sockets.push(socket);
  return socket;
}

async function caps(socket: Socket) {
  return (await ok(socket, 'room.getRouterCapabilities', { pointSlug: 'kuhmo' }))['routerRtpCapabilities'];
}

async function expertInRoom(name = 'mikko') {
  const socket = await open(name);
  const joined = await ok(socket, 'room.join', { pointSlug: 'kuhmo', displayName: 'ignored for staff', rtpCapabilities: await caps(socket) });
  return { socket, joined };
}

async function customerInLobby() {
  const socket = await open();
  const joined = await ok(socket, 'room.join', { pointSlug: 'kuhmo', displayName: 'Aino', rtpCapabilities: await caps(socket), kioskToken: KIOSK_TOKEN });
  return { socket, joined, peerId: joined['peerId'] as string };
}

async function admittedCustomer(expert: Socket) {
  const customer = await customerInLobby();
  const admitted = nextEvent(customer.socket, 'admitted');
  await ok(expert, 'lobby.admit', { peerId: customer.peerId });
  await admitted;
  const view = await ok(customer.socket, 'room.enterCall', {});
  return { ...customer, view };
}

async function leaveAll(...socketsToClose: Socket[]) {
  for (const s of socketsToClose) {
    if (s.connected) await request(s, 'room.leave', {});
    s.disconnect();
  }
  // Someone who vanished keeps their place for the grace period (1.5 s here) before the room is released.
  await expect.poll(() => kanava.signalling.rooms.size, { timeout: 5000 }).toBe(0);
}

describe('signalling basics (real server, real SFU)', () => {
  it('refuses a client that speaks another protocol version, with a reason', async () => {
    await expect(connect(kanava, { protocolVersion: PROTOCOL_VERSION + 1 })).rejects.toMatchObject({ data: { code: 'protocolMismatch' } });
    await expect(connect(kanava, { protocolVersion: 'one' })).rejects.toMatchObject({ data: { code: 'protocolMismatch' } });
  });

  it('answers malformed and unknown requests with an error, and keeps the connection', async () => {
    const socket = await open();
    expect(await request(socket, 'room.join', { pointSlug: 'kuhmo' })).toMatchObject({ ok: false, error: { code: 'badRequest' } });
    expect(await request(socket, 'room.join', 'not an object')).toMatchObject({ ok: false, error: { code: 'badRequest' } });
    expect(await request(socket, 'room.explode', {})).toMatchObject({ ok: false, error: { code: 'unknownRequest' } });
    expect(await request(socket, 'transport.create', { direction: 'send' })).toMatchObject({ ok: false, error: { code: 'notInRoom' } });
    socket.emit('room.join', { pointSlug: 'kuhmo' }); // no acknowledgement: dropped
    expect(await request(socket, 'room.getRouterCapabilities', { pointSlug: 'ei-ole' })).toMatchObject({ ok: false, error: { code: 'pointNotFound' } });
    expect(socket.connected).toBe(true);
    const res = await request(socket, 'room.join', { pointSlug: 'kuhmo', displayName: 'x', rtpCapabilities: { codecs: 'nope' } });
    expect(JSON.stringify(res)).not.toMatch(/at .*\.ts:\d+/);
    socket.disconnect();
    await expect.poll(() => kanava.signalling.rooms.size).toBe(0);
  });
});

describe('the lobby and admission', () => {
  it('lets nobody in without the point’s kiosk token or a staff sign-in', async () => {
    const socket = await open();
    const base = { pointSlug: 'kuhmo', displayName: 'Aino', rtpCapabilities: await caps(socket) };
    expect(await request(socket, 'room.join', base)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await request(socket, 'room.join', { ...base, kioskToken: 'guess' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await request(socket, 'directory.watch', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    socket.disconnect();
  });

  it('keeps a waiting customer from media, tells the expert at once, and lets the first expert to admit win', async () => {
    const mikko = await expertInRoom('mikko');
    const ella = await expertInRoom('ella');
    expect(mikko.joined).toMatchObject({ admission: 'inCall', role: 'expert', lobby: [] });

    const lobbyChanged = nextEvent(mikko.socket, 'lobbyChanged');
    const customer = await customerInLobby();
    expect(customer.joined).toMatchObject({ admission: 'lobby', role: 'customer', admitted: false });
    expect(await lobbyChanged).toMatchObject({ pointSlug: 'kuhmo', waiting: [{ peerId: customer.peerId, displayName: 'Aino' }] });

    // Before admission the customer gets no transports and no view of the call.
    expect(await request(customer.socket, 'transport.create', { direction: 'recv' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await request(customer.socket, 'room.enterCall', {})).toMatchObject({ ok: false, error: { code: 'invalidState' } });
    expect(await request(customer.socket, 'lobby.admit', { peerId: customer.peerId })).toMatchObject({ ok: false, error: { code: 'forbidden' } });

    const taken = nextEvent(mikko.socket, 'customerAdmitted');
    const admitted = nextEvent(customer.socket, 'admitted');
    await ok(ella.socket, 'lobby.admit', { peerId: customer.peerId });
    expect(await admitted).toEqual({ by: 'Ella (Kela)' });
    expect(await taken).toMatchObject({ peerId: customer.peerId, by: 'Ella (Kela)' });
    expect(await request(mikko.socket, 'lobby.admit', { peerId: customer.peerId })).toMatchObject({ ok: false, error: { code: 'invalidState' } });

    const peerJoined = nextEvent(mikko.socket, 'peerJoined');
    const view = await ok(customer.socket, 'room.enterCall', {});
    expect((view['peers'] as Array<{ displayName: string }>).map((p) => p.displayName).sort()).toEqual(['Ella (Kela)', 'Mikko (Kela)']);
    expect(view['session']).toMatchObject({ admittedBy: 'Ella (Kela)' });
    expect(await peerJoined).toMatchObject({ peer: { displayName: 'Aino', role: 'customer' } });
    expect((await request(customer.socket, 'transport.create', { direction: 'send' })).ok).toBe(true);

    await leaveAll(customer.socket, mikko.socket, ella.socket);
  });

  it('tells a declined customer why', async () => {
    const mikko = await expertInRoom();
    const customer = await customerInLobby();
    const declined = nextEvent(customer.socket, 'declined');
    await ok(mikko.socket, 'lobby.decline', { peerId: customer.peerId, reason: 'Tämä asia hoidetaan verotoimistossa.' });
    expect(await declined).toEqual({ reason: 'Tämä asia hoidetaan verotoimistossa.' });
    expect(await request(mikko.socket, 'lobby.decline', { peerId: customer.peerId, reason: '' })).toMatchObject({ ok: false, error: { code: 'badRequest' } });
    await leaveAll(customer.socket, mikko.socket);
  });

  it('shows the room’s live state in the staff directory and rings the advisor when the customer calls', async () => {
    const sanna = await open('sanna');
    const directory = await ok(sanna, 'directory.watch', {});
    expect(directory['rooms']).toEqual([expect.objectContaining({ slug: 'kuhmo', waitingCount: 0, inCall: false })]);

    const waiting = new Promise((resolve) =>
      sanna.on('roomStateChanged', (e: { room: { waitingCount: number } }) => e.room.waitingCount === 1 && resolve(e)),
    );
    const mikko = await expertInRoom();
    const customer = await customerInLobby();
    await waiting;

    const called = nextEvent(sanna, 'advisorCalled');
    const admitted = nextEvent(customer.socket, 'admitted');
    await ok(mikko.socket, 'lobby.admit', { peerId: customer.peerId });
    await admitted;
    await ok(customer.socket, 'room.enterCall', {});
    await ok(customer.socket, 'room.callAdvisor', {});
    expect(await called).toMatchObject({ pointSlug: 'kuhmo', pointName: 'Kuhmon asiointipiste' });

    // The advisor steps in (straight into the call) and out again; the call goes on.
    const advisorIn = await ok(sanna, 'room.join', { pointSlug: 'kuhmo', displayName: 'x', rtpCapabilities: await caps(sanna) });
    expect(advisorIn).toMatchObject({ admission: 'inCall', role: 'advisor' });
    await ok(sanna, 'room.leave', {});
    const room = kanava.signalling.rooms.get(customer.joined['roomId'] as never);
    expect(room?.liveState()).toMatchObject({ inCall: true, advisorPresent: false });
    await leaveAll(customer.socket, mikko.socket, sanna);
  });
});

describe('dropped connections', () => {
  it('bring a customer back into the same session without a new admission, with media possible again', async () => {
    const mikko = await expertInRoom();
    const customer = await admittedCustomer(mikko.socket);
    const session = (customer.view['session'] as { sessionId: string }).sessionId;
    const send = await ok(customer.socket, 'transport.create', { direction: 'send' });
    await ok(customer.socket, 'producer.create', { transportId: send['id'], kind: 'audio', source: 'microphone', rtpParameters: opusSendParameters(7777) });

    const lost = nextEvent(mikko.socket, 'peerConnectionLost');
    const producerGone = nextEvent(mikko.socket, 'producerClosed');
    customer.socket.disconnect();
    expect(await lost).toEqual({ peerId: customer.peerId });
    await producerGone;

    const again = await open();
    const restored = nextEvent(mikko.socket, 'peerConnectionRestored');
    const resumed = await ok(again, 'room.resume', { pointSlug: 'kuhmo', rejoinToken: customer.joined['rejoinToken'], rtpCapabilities: await caps(again) });
    expect(resumed).toMatchObject({ admission: 'inCall', peerId: customer.peerId, session: { sessionId: session } });
    expect(await restored).toEqual({ peerId: customer.peerId });
    const send2 = await ok(again, 'transport.create', { direction: 'send' });
    const added = nextEvent(mikko.socket, 'producerAdded');
    await ok(again, 'producer.create', { transportId: send2['id'], kind: 'audio', source: 'microphone', rtpParameters: opusSendParameters(8888) });
    expect(await added).toMatchObject({ producer: { peerId: customer.peerId } });
    await leaveAll(again, mikko.socket);
  });

  it('let a participant go after the grace period, ending the service session', async () => {
    const mikko = await expertInRoom();
    const customer = await admittedCustomer(mikko.socket);
    const left = nextEvent(mikko.socket, 'peerLeft');
    const ended = nextEvent(mikko.socket, 'serviceSessionEnded');
    customer.socket.disconnect();
    expect(await left).toEqual({ peerId: customer.peerId });
    expect(await ended).toMatchObject({ sessionId: (customer.view['session'] as { sessionId: string }).sessionId });
    const late = await open();
    expect(await request(late, 'room.resume', { pointSlug: 'kuhmo', rejoinToken: customer.joined['rejoinToken'], rtpCapabilities: await caps(late) })).toMatchObject({
      ok: false,
      error: { code: 'notInRoom' },
    });
    await leaveAll(late, mikko.socket);
  });

  it('tell the others about a peer who vanished, and close their media', async () => {
    const mikko = await expertInRoom();
    const ella = await expertInRoom('ella');
    const send = await ok(ella.socket, 'transport.create', { direction: 'send' });
    const added = nextEvent(mikko.socket, 'producerAdded');
    await ok(ella.socket, 'producer.create', { transportId: send['id'], kind: 'audio', source: 'microphone', rtpParameters: opusSendParameters(5555) });
    await added;
    const wrong = await request(ella.socket, 'producer.create', { transportId: send['id'], kind: 'audio', source: 'camera', rtpParameters: opusSendParameters(6666) });
    expect(wrong).toMatchObject({ ok: false, error: { code: 'badRequest' } });
    const gone = nextEvent(mikko.socket, 'producerClosed');
    ella.socket.disconnect();
    await gone;
    const room = kanava.signalling.rooms.get(mikko.joined['roomId'] as never);
    expect(room?.producers()).toEqual([]);
    await leaveAll(mikko.socket);
  });
});

describe('chat in the service session', () => {
  it('reaches everyone in the call in order, survives a reconnect, and starts empty for the next customer', async () => {
    const mikko = await expertInRoom();
    const customer = await admittedCustomer(mikko.socket);
    expect(await request(customer.socket, 'chat.send', { text: '   ' })).toMatchObject({ ok: false, error: { code: 'badRequest' } });
    expect(await request(customer.socket, 'chat.send', { text: 'x'.repeat(1001) })).toMatchObject({ ok: false, error: { code: 'badRequest' } });

    const toExpert = nextEvent(mikko.socket, 'chatMessage');
    const sent = await ok(customer.socket, 'chat.send', { text: 'Puhelinnumeroni on 040 123 4567' });
    expect(sent).toMatchObject({ seq: 1, senderRole: 'customer', senderName: 'Aino', text: 'Puhelinnumeroni on 040 123 4567' });
    expect(await toExpert).toMatchObject({ message: { seq: 1, text: 'Puhelinnumeroni on 040 123 4567' } });
    await ok(mikko.socket, 'chat.send', { text: 'Kiitos, kirjasin sen.' });

    // The customer's connection drops and comes back: the whole conversation is still there.
    customer.socket.disconnect();
    const again = await open();
    await ok(again, 'room.resume', { pointSlug: 'kuhmo', rejoinToken: customer.joined['rejoinToken'], rtpCapabilities: await caps(again) });
    const history = await ok(again, 'chat.history', {});
    expect((history['messages'] as Array<{ text: string }>).map((m) => m.text)).toEqual(['Puhelinnumeroni on 040 123 4567', 'Kiitos, kirjasin sen.']);

    // The service ends; the next customer's session has no chat of the previous one.
    await ok(mikko.socket, 'session.end', {});
    const next = await admittedCustomer(mikko.socket);
    expect(await ok(next.socket, 'chat.history', {})).toEqual({ messages: [] });
    await leaveAll(next.socket, again, mikko.socket);
  });

  it('is closed to a customer still in the lobby', async () => {
    const mikko = await expertInRoom();
    const customer = await customerInLobby();
    expect(await request(customer.socket, 'chat.send', { text: 'Hei?' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    await leaveAll(customer.socket, mikko.socket);
  });
});

describe('metrics', () => {
  it('count admissions and lobby waits, and show live rooms, participants and SFU load', async () => {
    const metricValue = (text: string, name: string) => Number(new RegExp(`^${name}(?:\\{[^}]*\\})? (\\S+)$`, 'm').exec(text)?.[1] ?? NaN);
    const before = await (await fetch(`${kanava.url}/metrics`)).text();
    const mikko = await expertInRoom();
    const customer = await admittedCustomer(mikko.socket);
    const res = await fetch(`${kanava.url}/metrics`);
    expect(res.headers.get('content-type')).toContain('text/plain');
    const after = await res.text();
    expect(metricValue(after, 'kanava_admissions_total') - metricValue(before, 'kanava_admissions_total')).toBe(1);
    expect(metricValue(after, 'kanava_lobby_wait_seconds_count') - metricValue(before, 'kanava_lobby_wait_seconds_count')).toBe(1);
    expect(metricValue(after, 'kanava_rooms_live')).toBe(1);
    expect(after).toMatch(/^kanava_participants\{state="inCall",service="kanava-server"\} 2$/m);
    expect(metricValue(after, 'kanava_service_sessions_running')).toBe(1);
    expect(metricValue(after, 'kanava_sfu_workers')).toBe(1);
    expect(after).toMatch(/^kanava_node_nodejs_eventloop_lag_seconds/m);
    await leaveAll(customer.socket, mikko.socket);
  });
});

describe('satisfaction survey', () => {
  it('invites the served customer once, records an anonymous answer, and refuses a second or malformed one', async () => {
    const mikko = await expertInRoom();
    const customer = await admittedCustomer(mikko.socket);
    const invited = nextEvent(customer.socket, 'surveyInvited') as Promise<{ token: string }>;
    await ok(mikko.socket, 'session.end', {});
    const { token } = await invited;
    const post = (body: unknown) =>
      fetch(`${kanava.url}/api/survey`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

    expect((await post({ token, serviceRating: 6, connectionRating: 3 })).status).toBe(400);
    expect((await post({ token, serviceRating: 5, connectionRating: 4, comment: 'Kiitos avusta!' })).status).toBe(204);
    const again = await post({ token, serviceRating: 1, connectionRating: 1 });
    expect(again.status).toBe(404);
    expect(await again.json()).toMatchObject({ error: { code: 'notFound' } });
    expect((await post({ token: 'x'.repeat(32), serviceRating: 3, connectionRating: 3 })).status).toBe(404);
    await leaveAll(customer.socket, mikko.socket);
  });

  it('also invites a customer who hangs up themselves', async () => {
    const mikko = await expertInRoom();
    const customer = await admittedCustomer(mikko.socket);
    const invited = nextEvent(customer.socket, 'surveyInvited');
    await ok(customer.socket, 'room.leave', {});
    expect(await invited).toMatchObject({ token: expect.any(String) });
    await leaveAll(customer.socket, mikko.socket);
  });
});

