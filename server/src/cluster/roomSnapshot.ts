import { z } from 'zod';
import {
  ParticipantRoleSchema,
  PeerIdSchema,
  RoomIdSchema,
  RoomLiveStateSchema,
  RtpCapabilitiesSchema,
  ServiceSessionIdSchema,
  StaffUserIdSchema,
  WaitingBookingSchema,
} from '@kanava/shared';
import type { Participant } from '../rooms/Participant.ts';
import type { PointRoom } from '../rooms/PointRoom.ts';
import { ServiceSession } from '../rooms/ServiceSession.ts';

const instant = z.iso.datetime();

/** Those still in the room; a participant half-way in (`connecting`) or gone is not carried over. */
const CarriedStateSchema = z.enum(['lobby', 'admitted', 'inCall']);

const ParticipantSnapshotSchema = z.object({
  peerId: PeerIdSchema,
  displayName: z.string(),
  role: ParticipantRoleSchema,
  staffUserId: StaffUserIdSchema.nullable(),
  rtpCapabilities: RtpCapabilitiesSchema,
  state: CarriedStateSchema,
  arrivedAt: instant,
  /** sha-256 of the rejoin token (base64): the token itself never leaves the participant's device. */
  rejoinTokenHash: z.base64(),
  booking: WaitingBookingSchema.nullable(),
});

const SessionSnapshotSchema = z.object({
  id: ServiceSessionIdSchema,
  startedAt: instant,
  admittedBy: z.string(),
  admittedByAccountId: StaffUserIdSchema.nullable(),
  customers: z.array(z.object({ peerId: PeerIdSchema, waitedMs: z.number().nonnegative(), booking: WaitingBookingSchema.nullable() })),
  participants: z.array(z.object({ peerId: PeerIdSchema, role: ParticipantRoleSchema, displayName: z.string(), staffUserId: StaffUserIdSchema.nullable() })),
});

/**
 * What the owner of a room writes to Redis after every change, so that another node can carry
 * the room on when the owner dies: who is in it, in which state, their rejoin-token hashes, and
 * the running service session (chat, documents and forms hang on its id in the database).
 * Media is not in it: the participants set it up again when they resume.
 */
export const RoomSnapshotSchema = z.object({
  version: z.literal(1),
  roomId: RoomIdSchema,
  participants: z.array(ParticipantSnapshotSchema),
  session: SessionSnapshotSchema.nullable(),
  /** The directory's view of the room, for staff connected to other nodes. */
  live: RoomLiveStateSchema,
});
export type RoomSnapshot = z.infer<typeof RoomSnapshotSchema>;

export function snapshotOf(room: PointRoom): RoomSnapshot {
  const { participants, session } = room.snapshot();
  return {
    version: 1,
    roomId: room.roomId,
    participants: participants.flatMap((p) => {
      const state = CarriedStateSchema.safeParse(p.state);
      if (!state.success) return [];
      return [
        {
          peerId: p.peerId,
          displayName: p.displayName,
          role: p.role,
          staffUserId: p.staffUserId ?? null,
          rtpCapabilities: p.rtpCapabilities,
          state: state.data,
          arrivedAt: p.arrivedAt.toISOString(),
          rejoinTokenHash: p.rejoinTokenHash.toString('base64'),
          booking: p.booking ?? null,
        },
      ];
    }),
    session: session
      ? {
          id: session.id,
          startedAt: session.startedAt.toISOString(),
          admittedBy: session.admittedBy,
          admittedByAccountId: session.admittedByAccountId ?? null,
          customers: session.customers.map((c) => ({ peerId: c.peerId, waitedMs: c.waitedMs, booking: c.booking ?? null })),
          participants: session.participants.map((p) => ({ peerId: p.peerId, role: p.role, displayName: p.displayName, staffUserId: p.staffUserId ?? null })),
        }
      : null,
    live: room.liveState(),
  };
}

/** Puts a snapshot back into a freshly opened room: everyone comes back as connection lost, waiting to resume. */
export function restoreInto(room: PointRoom, snapshot: RoomSnapshot, now: Date): Participant[] {
  const participants: Participant[] = snapshot.participants.map((p) => ({
    peerId: p.peerId,
    displayName: p.displayName,
    role: p.role,
    staffUserId: p.staffUserId ?? undefined,
    rtpCapabilities: p.rtpCapabilities,
    state: p.state,
    arrivedAt: new Date(p.arrivedAt),
    connection: { kind: 'lost', since: now },
    rejoinTokenHash: Buffer.from(p.rejoinTokenHash, 'base64'),
    booking: p.booking ?? undefined,
  }));
  let session: ServiceSession | undefined;
  if (snapshot.session) {
    const s = snapshot.session;
    session = new ServiceSession(s.admittedBy, new Date(s.startedAt), s.admittedByAccountId ?? undefined, s.id);
    for (const c of s.customers) session.customerAdmitted({ peerId: c.peerId, waitedMs: c.waitedMs, booking: c.booking ?? undefined });
    for (const p of s.participants) session.tookPart({ peerId: p.peerId, role: p.role, displayName: p.displayName, staffUserId: p.staffUserId ?? undefined });
  }
  room.restore(participants, session);
  return participants;
}
