import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  PeerIdSchema,
  PointSlugSchema,
  ProducerIdSchema,
  RoomIdSchema,
  ServicePointIdSchema,
  type EventName,
  type PeerId,
  type ParticipantRole,
} from '@kanava/shared';
import { PointRoom, type RoomNotifier } from './PointRoom.ts';

interface Sent {
  channel: 'call' | 'peer' | 'staff' | 'advisors';
  event: EventName;
  payload: unknown;
  target?: string;
}

function roomWithLog() {
  const sent: Sent[] = [];
  const notifier: RoomNotifier = {
    toCall: (_roomId, event, payload, except) => sent.push({ channel: 'call', event, payload, ...(except ? { target: `not ${except}` } : {}) }),
    toPeer: (peerId, event, payload) => sent.push({ channel: 'peer', event, payload, target: peerId }),
    toStaffOf: (_pointId, event, payload) => sent.push({ channel: 'staff', event, payload }),
    toStaffMemberOf: (_pointId, staffUserId, event, payload) => sent.push({ channel: 'staff', event, payload, target: staffUserId }),
    toAdvisorsOf: (_pointId, event, payload) => sent.push({ channel: 'advisors', event, payload }),
  };
  const point = {
    id: ServicePointIdSchema.parse('sp1'),
    slug: PointSlugSchema.parse('kuhmo'),
    nameFi: 'Kuhmon asiointipiste',
    nameSv: 'Kuhmo servicepunkt',
    municipality: 'Kuhmo',
  };
  const room = new PointRoom(RoomIdSchema.parse('point-sp1'), point, notifier, { escalateAfterMs: 300_000 });
  return { room, sent, events: (event: EventName) => sent.filter((s) => s.event === event) };
}

const id = (s: string) => PeerIdSchema.parse(s);
const aino = id('aino');
const mikko = id('mikko');
const ella = id('ella');
const sanna = id('sanna');

function staff(room: PointRoom, peerId: PeerId, displayName: string, role: Exclude<ParticipantRole, 'customer'>) {
  return room.enterAsStaff({ peerId, displayName, role, staffUserId: undefined, rtpCapabilities: {} });
}
function customer(room: PointRoom, peerId: PeerId = aino) {
  return room.enterLobby({ peerId, displayName: 'Aino', role: 'customer', staffUserId: undefined, rtpCapabilities: {} });
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('the lobby of a point room', () => {
  it('keeps a customer out of the call and its media until an expert admits them', () => {
    const { room, events } = roomWithLog();
    staff(room, mikko, 'Mikko', 'expert');
    customer(room);
    expect(() => room.assertMayUseMedia(aino)).toThrow(/only in the call/);
    expect(room.inCallView(mikko).lobby.map((w) => w.peerId)).toEqual([aino]);
    expect(events('lobbyChanged').at(-1)?.payload).toMatchObject({ waiting: [{ peerId: aino, displayName: 'Aino' }] });
    expect(room.liveState()).toMatchObject({ waitingCount: 1, expertPresent: true, inCall: false });

    room.admit(aino, mikko);
    expect(events('admitted')).toEqual([{ channel: 'peer', event: 'admitted', payload: { by: 'Mikko' }, target: aino }]);
    const view = room.enterCall(aino);
    expect(view.peers.map((p) => p.displayName)).toEqual(['Mikko']);
    expect(view.lobby).toEqual([]);
    expect(view.session?.admittedBy).toBe('Mikko');
    expect(() => room.assertMayUseMedia(aino)).not.toThrow();
    expect(room.liveState()).toMatchObject({ waitingCount: 0, inCall: true });
  });

  it('lets the first expert to admit win and tells the others who took the customer', () => {
    const { room, events } = roomWithLog();
    staff(room, mikko, 'Mikko', 'expert');
    staff(room, ella, 'Ella', 'expert');
    customer(room);
    room.admit(aino, ella);
    expect(() => room.admit(aino, mikko)).toThrow(/no longer waiting/);
    expect(events('customerAdmitted').map((s) => s.payload)).toEqual([{ pointSlug: 'kuhmo', peerId: aino, by: 'Ella' }]);
  });

  it('refuses admission by an advisor, by a customer, or by an expert outside the call', () => {
    const { room } = roomWithLog();
    staff(room, sanna, 'Sanna', 'advisor');
    customer(room);
    customer(room, id('pekka'));
    expect(() => room.admit(aino, sanna)).toThrow(/only an expert/);
    expect(() => room.admit(aino, id('pekka'))).toThrow(/only staff/);
    expect(() => room.admit(aino, mikko)).toThrow(/not in this room/);
  });

  it('tells a declined customer the reason and removes them', () => {
    const { room, events } = roomWithLog();
    staff(room, mikko, 'Mikko', 'expert');
    customer(room);
    room.decline(aino, mikko, 'Varaa aika Kelan palveluun');
    expect(events('declined')).toEqual([{ channel: 'peer', event: 'declined', payload: { reason: 'Varaa aika Kelan palveluun' }, target: aino }]);
    expect(room.waiting()).toEqual([]);
    expect(() => room.participant(aino)).toThrow(/not in this room/);
  });

  it('escalates a customer nobody admits in time to the point’s staff, once', () => {
    const { room, events } = roomWithLog();
    customer(room);
    vi.advanceTimersByTime(299_000);
    expect(events('lobbyEscalated')).toHaveLength(0);
    vi.advanceTimersByTime(2_000);
    expect(events('lobbyEscalated')).toHaveLength(1);
    expect(events('lobbyEscalated')[0]).toMatchObject({ channel: 'staff', payload: { pointSlug: 'kuhmo', peerId: aino } });
  });

  it('does not escalate a customer who was admitted in time', () => {
    const { room, events } = roomWithLog();
    staff(room, mikko, 'Mikko', 'expert');
    customer(room);
    room.admit(aino, mikko);
    vi.advanceTimersByTime(600_000);
    expect(events('lobbyEscalated')).toHaveLength(0);
  });

  it('rings the point’s advisors when the customer calls for help', () => {
    const { room, events } = roomWithLog();
    staff(room, mikko, 'Mikko', 'expert');
    customer(room);
    room.admit(aino, mikko);
    room.enterCall(aino);
    room.callAdvisor(aino);
    expect(events('advisorCalled').map((s) => s.channel)).toEqual(['advisors', 'call']);
    expect(() => room.callAdvisor(mikko)).toThrow(/only a customer/);
  });
});

describe('service sessions', () => {
  it('start at admission and end when the customer leaves, so the next customer gets a new one', () => {
    const { room, events } = roomWithLog();
    staff(room, mikko, 'Mikko', 'expert');
    customer(room);
    room.admit(aino, mikko);
    room.enterCall(aino);
    const first = room.session?.id;
    room.leave(aino);
    expect(room.session).toBeUndefined();
    expect(events('serviceSessionEnded').map((s) => s.payload)).toEqual([{ sessionId: first }]);

    customer(room, id('pekka'));
    room.admit(id('pekka'), mikko);
    expect(room.session?.id).toBeDefined();
    expect(room.session?.id).not.toBe(first);
  });

  it('survive an advisor stepping in and out', () => {
    const { room } = roomWithLog();
    staff(room, mikko, 'Mikko', 'expert');
    customer(room);
    room.admit(aino, mikko);
    room.enterCall(aino);
    const session = room.session?.id;
    staff(room, sanna, 'Sanna', 'advisor');
    expect(room.liveState().advisorPresent).toBe(true);
    room.leave(sanna);
    expect(room.session?.id).toBe(session);
    expect(room.liveState().advisorPresent).toBe(false);
  });
});

describe('connections that drop', () => {
  it('keep the participant’s place and admission, and tell the call', () => {
    const { room, events } = roomWithLog();
    staff(room, mikko, 'Mikko', 'expert');
    const { rejoinToken } = customer(room);
    room.admit(aino, mikko);
    room.enterCall(aino);
    room.connectionLost(aino);
    expect(events('peerConnectionLost')).toHaveLength(1);
    const back = room.resume(rejoinToken);
    expect(back.peerId).toBe(aino);
    expect(back.state).toBe('inCall');
    expect(events('peerConnectionRestored')).toHaveLength(1);
  });

  it('refuse a rejoin token that is not one of this room’s', () => {
    const { room } = roomWithLog();
    customer(room);
    expect(() => room.resume('x'.repeat(43))).toThrow(/has ended/);
  });
});

describe('media rules', () => {
  it('refuse a camera that is audio, and a second camera from the same participant', () => {
    const { room } = roomWithLog();
    staff(room, mikko, 'Mikko', 'expert');
    expect(() => room.assertMayPublish(mikko, 'audio', 'camera')).toThrow(/must be video/);
    room.published({ producerId: ProducerIdSchema.parse('cam-m'), peerId: mikko, kind: 'video', source: 'camera', paused: false });
    expect(() => room.assertMayPublish(mikko, 'video', 'camera')).toThrow(/already sending camera/);
  });

  it('let only the owner pause its media, and tell the others once', () => {
    const { room, events } = roomWithLog();
    staff(room, mikko, 'Mikko', 'expert');
    staff(room, sanna, 'Sanna', 'advisor');
    const cam = ProducerIdSchema.parse('cam-m');
    room.published({ producerId: cam, peerId: mikko, kind: 'video', source: 'camera', paused: false });
    expect(() => room.pauseChanged(sanna, cam, true)).toThrow(/no such media/);
    room.pauseChanged(mikko, cam, true);
    room.pauseChanged(mikko, cam, true);
    expect(events('producerPaused')).toHaveLength(1);
  });

  it('forget everything a participant sent when they leave; leaving twice is harmless', () => {
    const { room, events } = roomWithLog();
    staff(room, mikko, 'Mikko', 'expert');
    staff(room, sanna, 'Sanna', 'advisor');
    room.published({ producerId: ProducerIdSchema.parse('cam-m'), peerId: mikko, kind: 'video', source: 'camera', paused: false });
    room.leave(mikko);
    room.leave(mikko);
    expect(room.producers()).toEqual([]);
    expect(room.peers().map((p) => p.peerId)).toEqual([sanna]);
    expect(events('peerLeft')).toHaveLength(1);
  });
});
