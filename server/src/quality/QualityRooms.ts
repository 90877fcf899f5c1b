import type { EventName, EventOf, PeerId, RoomId, ServicePointId, ServiceSessionId } from '@kanava/shared';
import type { RoomNotifier } from '../rooms/PointRoom.ts';
import type { RoomRegistry } from '../rooms/RoomRegistry.ts';

export interface LiveRoom {
  pointId: ServicePointId;
  sessionId: ServiceSessionId | null;
  /** When the running service session started (ms), null without one. */
  sessionStartedAt: number | null;
  inCall: PeerId[];
  /** The customers among those in the call: their service's policy is the call's. */
  customersInCall: PeerId[];
  /** Whether the participant is a customer at the point's kiosk (not at home with a personal link). */
  atKiosk?: (peerId: PeerId) => boolean;
}

/** What the quality service needs to know of a live room; the room registry answers it. */
export interface QualityRooms {
  /** Undefined when the room is not live (released). */
  live(roomId: RoomId): LiveRoom | undefined;
}

/** How quality news reaches people: those in the call and the point's staff (the expert watching the lobby). */
export type QualityNotifier = Pick<RoomNotifier, 'toCall' | 'toStaffOf' | 'toPeer'>;

export function qualityRoomsOf(rooms: RoomRegistry): QualityRooms {
  return {
    live(roomId) {
      const room = rooms.get(roomId);
      if (!room) return undefined;
      const peers = room.peers();
      return {
        pointId: room.point.id,
        sessionId: room.session?.id ?? null,
        sessionStartedAt: room.session?.startedAt.getTime() ?? null,
        inCall: peers.map((p) => p.peerId),
        customersInCall: peers.filter((p) => p.role === 'customer').map((p) => p.peerId),
        atKiosk: (peerId) => {
          try {
            const p = room.participant(peerId);
            return p.role === 'customer' && p.booking?.fromHome !== true;
          } catch {
            return false; // left meanwhile
          }
        },
      };
    },
  };
}

/** Sends one event to the call and to the point's staff (staff in the call get it twice; clients treat these events as idempotent). */
export function toCallAndStaff<K extends EventName>(notifier: QualityNotifier, roomId: RoomId, pointId: ServicePointId, event: K, payload: EventOf<K>): void {
  notifier.toCall(roomId, event, payload);
  notifier.toStaffOf(pointId, event, payload);
}
