import { describe, expect, it } from 'vitest';
import { PeerIdSchema, PointSlugSchema, RoomIdSchema, ServicePointIdSchema, StaffUserIdSchema } from '@kanava/shared';
import { PointRoom, type RoomNotifier } from '../rooms/PointRoom.ts';
import type { ServiceSession } from '../rooms/ServiceSession.ts';
import { buildServiceEvent } from './buildServiceEvent.ts';
import { endedSessionOf } from './EventRecorder.ts';

/** Notifications are not what this test is about: every channel swallows them. */
const silent = new Proxy({}, { get: () => () => undefined }) as RoomNotifier;
const point = { id: ServicePointIdSchema.parse('sp1'), slug: PointSlugSchema.parse('kuhmo'), nameFi: 'Kuhmo', nameSv: 'Kuhmo', municipality: 'Kuhmo' };
const peer = PeerIdSchema.parse;

describe('what a room keeps of a session for its service event', () => {
  it('records the admitting expert, the lobby wait and everyone who took part, advisors stepping in included', () => {
    let clock = Date.parse('2026-03-02T08:00:00.000Z');
    const ended: ServiceSession[] = [];
    const room = new PointRoom(RoomIdSchema.parse('point-sp1'), point, silent, { escalateAfterMs: 3_600_000, now: () => new Date(clock), onSessionEnded: (s) => ended.push(s) });
    const mikko = StaffUserIdSchema.parse('mikko-account');
    const sanna = StaffUserIdSchema.parse('sanna-account');
    room.enterAsStaff({ peerId: peer('mikko'), displayName: 'Mikko', role: 'expert', staffUserId: mikko, rtpCapabilities: {} });
    room.enterLobby({ peerId: peer('aino'), displayName: 'Aino', role: 'customer', staffUserId: undefined, rtpCapabilities: {} });
    clock += 95_000;
    room.admit(peer('aino'), peer('mikko'));
    room.enterCall(peer('aino'));
    clock += 60_000;
    room.enterAsStaff({ peerId: peer('sanna-1'), displayName: 'Sanna', role: 'advisor', staffUserId: sanna, rtpCapabilities: {} });
    room.leave(peer('sanna-1'));
    room.enterAsStaff({ peerId: peer('sanna-2'), displayName: 'Sanna', role: 'advisor', staffUserId: sanna, rtpCapabilities: {} });
    clock += 300_000;
    room.leave(peer('aino'));
    room.dispose();

    expect(ended).toHaveLength(1);
    const { session, customerPeerIds } = endedSessionOf(point.id, ended[0]!);
    expect(customerPeerIds).toEqual(['aino']);
    expect(session).toMatchObject({ expert: { accountId: mikko, name: 'Mikko' }, lobbyWaitMs: 95_000 });
    const event = buildServiceEvent({ session, placement: { providerId: null, serviceId: null, bookingId: null }, incidents: [], forms: [] });
    expect(event.durationS).toBe(360);
    expect(event.lobbyWaitS).toBe(95);
    expect(event.advisors).toEqual([{ accountId: sanna, name: 'Sanna' }]);
  });

  it('starts the next customer’s session with nobody recorded from the previous one', () => {
    let clock = Date.parse('2026-03-02T08:00:00.000Z');
    const ended: ServiceSession[] = [];
    const room = new PointRoom(RoomIdSchema.parse('point-sp1'), point, silent, { escalateAfterMs: 3_600_000, now: () => new Date(clock), onSessionEnded: (s) => ended.push(s) });
    room.enterAsStaff({ peerId: peer('mikko'), displayName: 'Mikko', role: 'expert', staffUserId: undefined, rtpCapabilities: {} });
    for (const name of ['aino', 'pekka']) {
      room.enterLobby({ peerId: peer(name), displayName: name, role: 'customer', staffUserId: undefined, rtpCapabilities: {} });
      clock += 10_000;
      room.admit(peer(name), peer('mikko'));
      room.enterCall(peer(name));
      clock += 10_000;
      room.leave(peer(name));
    }
    room.dispose();
    expect(ended.map((s) => s.customers.map((c) => c.peerId))).toEqual([['aino'], ['pekka']]);
    expect(ended[1]?.participants.map((p) => p.peerId).sort()).toEqual(['mikko', 'pekka']);
  });
});
