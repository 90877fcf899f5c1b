import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  PeerIdSchema,
  PointSlugSchema,
  RoomIdSchema,
  ServicePointIdSchema,
  StaffUserIdSchema,
  type EventName,
  type EventOf,
  type WaitingBooking,
} from '@kanava/shared';
import { PointRoom, type RoomNotifier } from '../rooms/PointRoom.ts';
import { audienceIncludes, initialAudience, nextAudience } from './expertFirst.ts';

const mikkoId = StaffUserIdSchema.parse('acc-mikko');
const kalleId = StaffUserIdSchema.parse('acc-kalle');
const booked: WaitingBooking = {
  kind: 'booked',
  bookingId: null,
  startsAt: '2026-11-26T08:20:00.000Z',
  provider: { nameFi: 'Kela', nameSv: 'FPA', nameEn: 'Kela' },
  service: { nameFi: 'Asumistuki', nameSv: 'Bostadsbidrag', nameEn: 'Housing allowance' },
  expertName: 'Mikko',
  expertId: mikkoId,
  fromHome: false,
};
const walkIn: WaitingBooking = { ...booked, kind: 'walkIn', startsAt: null, expertName: null, expertId: null };

describe('who is told of a waiting customer (the state machine)', () => {
  const now = new Date('2026-11-26T08:15:00Z');

  it('tells only the booked expert first, then everyone when the window elapses', () => {
    const first = initialAudience(booked, now, 120_000);
    expect(first).toEqual({ kind: 'bookedExpertOnly', expertId: mikkoId, until: new Date('2026-11-26T08:17:00Z') });
    expect(audienceIncludes(first, mikkoId)).toBe(true);
    expect(audienceIncludes(first, kalleId)).toBe(false);
    expect(audienceIncludes(first, undefined)).toBe(false);
    const widened = nextAudience(first, 'windowElapsed');
    expect(widened).toEqual({ kind: 'pointStaff' });
    expect(audienceIncludes(widened, kalleId)).toBe(true);
    expect(nextAudience(widened, 'settled')).toEqual({ kind: 'settled' });
  });

  it('tells everyone at once of walk-ins, unmatched customers, and when the window is 0', () => {
    expect(initialAudience(walkIn, now, 120_000)).toEqual({ kind: 'pointStaff' });
    expect(initialAudience(undefined, now, 120_000)).toEqual({ kind: 'pointStaff' });
    expect(initialAudience(booked, now, 0)).toEqual({ kind: 'pointStaff' });
  });

  it('ignores a late window after the customer was settled', () => {
    const settled = nextAudience(initialAudience(booked, now, 120_000), 'settled');
    expect(nextAudience(settled, 'windowElapsed')).toEqual({ kind: 'settled' });
  });
});

interface Sent {
  event: EventName;
  payload: unknown;
  /** Undefined: every staff member of the point except `except`. */
  to?: string;
  except?: readonly string[];
}

function room(windowMs: number) {
  const sent: Sent[] = [];
  const notifier: RoomNotifier = {
    toCall: () => {},
    toPeer: () => {},
    toStaffOf: (_pointId, event, payload, except) => sent.push({ event, payload, ...(except && except.length > 0 ? { except } : {}) }),
    toStaffMemberOf: (_pointId, staffUserId, event, payload) => sent.push({ event, payload, to: staffUserId }),
    toAdvisorsOf: () => {},
  };
  const point = { id: ServicePointIdSchema.parse('sp1'), slug: PointSlugSchema.parse('kuhmo'), nameFi: 'Kuhmo', nameSv: 'Kuhmo', municipality: 'Kuhmo' };
  const r = new PointRoom(RoomIdSchema.parse('point-sp1'), point, notifier, { escalateAfterMs: 300_000, bookedExpertFirstMs: windowMs });
  /** The last room state each audience was told. */
  const lastState = (to: string | 'others') =>
    (sent.filter((s) => s.event === 'roomStateChanged' && (to === 'others' ? s.to === undefined : s.to === to)).at(-1)?.payload as EventOf<'roomStateChanged'> | undefined)?.room;
  return { r, sent, lastState };
}

const peer = (s: string) => PeerIdSchema.parse(s);

describe('a point room with a booked customer waiting', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('shows the customer to the booked expert only, and to the rest of the staff when the window elapsed', () => {
    const { r, lastState } = room(120_000);
    r.enterAsStaff({ peerId: peer('mikko'), displayName: 'Mikko', role: 'expert', staffUserId: mikkoId, rtpCapabilities: {} });
    r.enterAsStaff({ peerId: peer('kalle'), displayName: 'Kalle', role: 'expert', staffUserId: kalleId, rtpCapabilities: {} });
    r.enterLobby({ peerId: peer('aino'), displayName: 'Aino', role: 'customer', staffUserId: undefined, rtpCapabilities: {}, booking: booked });

    expect(lastState(mikkoId)?.waitingCount).toBe(1);
    expect(lastState('others')?.waitingCount).toBe(0);
    expect(r.inCallView(peer('mikko')).lobby.map((w) => w.peerId)).toEqual(['aino']);
    expect(r.inCallView(peer('kalle')).lobby).toEqual([]);
    expect(r.liveState(kalleId).waitingCount).toBe(0);
    expect(() => r.admit(peer('aino'), peer('kalle'))).toThrow(/booked expert is told first/);

    vi.advanceTimersByTime(119_000);
    expect(lastState('others')?.waitingCount).toBe(0);
    vi.advanceTimersByTime(1_000);
    expect(lastState('others')?.waitingCount).toBe(1);
    expect(r.inCallView(peer('kalle')).lobby.map((w) => w.peerId)).toEqual(['aino']);
    r.admit(peer('aino'), peer('kalle'));
    expect(r.session?.admittedBy).toBe('Kalle');
  });

  it('tells everyone at once of a walk-in, and no one is left waiting for a window after the booked expert admits', () => {
    const { r, sent, lastState } = room(120_000);
    r.enterAsStaff({ peerId: peer('mikko'), displayName: 'Mikko', role: 'expert', staffUserId: mikkoId, rtpCapabilities: {} });
    r.enterLobby({ peerId: peer('pekka'), displayName: 'Pekka', role: 'customer', staffUserId: undefined, rtpCapabilities: {}, booking: walkIn });
    expect(lastState('others')?.waitingCount).toBe(1);
    expect(sent.some((s) => s.to !== undefined)).toBe(false);

    r.enterLobby({ peerId: peer('aino'), displayName: 'Aino', role: 'customer', staffUserId: undefined, rtpCapabilities: {}, booking: booked });
    expect(lastState('others')?.waitingCount).toBe(1);
    expect(lastState(mikkoId)?.waitingCount).toBe(2);
    r.admit(peer('aino'), peer('mikko'));
    // Only Mikko was told of Aino, so only he hears that she was taken.
    expect(sent.filter((s) => s.event === 'customerAdmitted')).toEqual([{ event: 'customerAdmitted', payload: expect.objectContaining({ by: 'Mikko' }), to: mikkoId }]);
    const told = sent.length;
    vi.advanceTimersByTime(200_000);
    expect(sent.slice(told).filter((s) => s.event === 'lobbyChanged')).toEqual([]);
  });
});
