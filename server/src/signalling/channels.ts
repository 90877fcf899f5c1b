import type { PeerId, RoomId, ServicePointId, StaffUserId } from '@kanava/shared';

/** socket.io rooms used as notification channels. */
export const channels = {
  /** Everyone in a point room's call (not the lobby). */
  call: (roomId: RoomId) => `call:${roomId}`,
  /** One participant, whichever socket carries them now. */
  peer: (peerId: PeerId | string) => `peer:${peerId}`,
  /** The point's staff: in its room or watching it in their directory. */
  staff: (pointId: ServicePointId) => `staff:${pointId}`,
  /** One staff member among the point's staff (joined with `staff`): a booked customer is told to their expert first. */
  staffMember: (pointId: ServicePointId, staffUserId: StaffUserId) => `staff:${pointId}:${staffUserId}`,
  /** The point's advisors, wherever they are in the app. */
  advisors: (pointId: ServicePointId) => `advisors:${pointId}`,
};
