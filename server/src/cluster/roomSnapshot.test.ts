import { describe, expect, it } from 'vitest';
import { PeerIdSchema, PointSlugSchema, RoomIdSchema, ServicePointIdSchema, StaffUserIdSchema } from '@kanava/shared';
import { PointRoom, type RoomNotifier } from '../rooms/PointRoom.ts';
import { restoreInto, RoomSnapshotSchema, snapshotOf } from './roomSnapshot.ts';

const silent: RoomNotifier = { toCall: () => {}, toPeer: () => {}, toStaffOf: () => {}, toStaffMemberOf: () => {}, toAdvisorsOf: () => {} };
const point = { id: ServicePointIdSchema.parse('sp1'), slug: PointSlugSchema.parse('kuhmo'), nameFi: 'Kuhmo', nameSv: 'Kuhmo', municipality: 'Kuhmo' };
const newRoom = () => new PointRoom(RoomIdSchema.parse('point-sp1'), point, silent, { escalateAfterMs: 300_000 });
const id = (s: string) => PeerIdSchema.parse(s);

describe('a room carried over to another node', () => {
  it('keeps who is where, their rejoin tokens and the running session, through JSON', () => {
    const owner = newRoom();
    const expert = owner.enterAsStaff({ peerId: id('mikko'), displayName: 'Mikko', role: 'expert', staffUserId: StaffUserIdSchema.parse('u-mikko'), rtpCapabilities: {} });
    const served = owner.enterLobby({ peerId: id('aino'), displayName: 'Aino', role: 'customer', staffUserId: undefined, rtpCapabilities: {} });
    const waiting = owner.enterLobby({ peerId: id('eino'), displayName: 'Eino', role: 'customer', staffUserId: undefined, rtpCapabilities: {} });
    owner.admit(id('aino'), id('mikko'));
    owner.enterCall(id('aino'));
    const session = owner.session;

    const stored = RoomSnapshotSchema.parse(JSON.parse(JSON.stringify(snapshotOf(owner))));
    expect(JSON.stringify(stored)).not.toContain(served.rejoinToken);

    const heir = newRoom();
    restoreInto(heir, stored, new Date());
    expect(heir.session?.id).toBe(session?.id);
    expect(heir.session?.admittedByAccountId).toBe('u-mikko');
    expect(heir.session?.participants.map((p) => p.peerId).sort()).toEqual(['aino', 'mikko']);
    expect(heir.waiting()).toEqual([expect.objectContaining({ peerId: 'eino', connectionLost: true })]);
    expect(heir.liveState()).toMatchObject({ waitingCount: 1, inCall: true, expertPresent: true });

    // Everyone resumes with the token they already have: same participant, same state, no new admission.
    expect(heir.resume(served.rejoinToken)).toMatchObject({ peerId: 'aino', state: 'inCall', connection: { kind: 'connected' } });
    expect(heir.resume(expert.rejoinToken)).toMatchObject({ peerId: 'mikko', state: 'inCall' });
    expect(heir.resume(waiting.rejoinToken)).toMatchObject({ peerId: 'eino', state: 'lobby' });
    expect(() => heir.resume('not-a-token')).toThrow(/ended/);
  });

  it('refuses state that does not parse', () => {
    expect(RoomSnapshotSchema.safeParse({ version: 2 }).success).toBe(false);
  });
});
