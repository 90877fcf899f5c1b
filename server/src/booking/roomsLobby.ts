import type { PeerId, ServicePointId, WaitingBooking } from '@kanava/shared';
import { RoomRegistry } from '../rooms/RoomRegistry.ts';
import type { UnmatchedCustomer, WaitingLobby } from './LobbyArrivals.ts';

/** The booking module's view of this server's live rooms: who waits unmatched, and showing a booking on their entry. */
export function lobbyOfRooms(rooms: RoomRegistry): WaitingLobby {
  const roomOf = (pointId: ServicePointId) => rooms.get(RoomRegistry.roomIdOf(pointId));
  return {
    unmatched(pointId?: ServicePointId): UnmatchedCustomer[] {
      const live = pointId ? [roomOf(pointId)].filter((r) => r !== undefined) : rooms.live();
      return live
        .flatMap((room) => room.waiting().filter((w) => !w.booking).map((w) => ({ pointId: room.point.id, peerId: w.peerId, since: new Date(w.since) })))
        .sort((a, b) => b.since.getTime() - a.since.getTime());
    },
    attach(pointId: ServicePointId, peerId: PeerId, booking: WaitingBooking): boolean {
      const room = roomOf(pointId);
      const waiting = room?.waiting().some((w) => w.peerId === peerId) ?? false;
      if (!room || !waiting) return false;
      room.attachBooking(peerId, booking);
      return true;
    },
  };
}
