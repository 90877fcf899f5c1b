import type { PeerId, ServicePointId, WaitingBooking } from '@kanava/shared';
import { RoomRegistry } from '../rooms/RoomRegistry.ts';
import type { WaitingLobby } from './LobbyArrivals.ts';

/** The booking module's view of this server's live rooms: who waits unmatched, and showing a booking on their entry. */
export function lobbyOfRooms(rooms: RoomRegistry): WaitingLobby {
  const roomOf = (pointId: ServicePointId) => rooms.get(RoomRegistry.roomIdOf(pointId));
  return {
    unmatched(pointId: ServicePointId): PeerId[] {
      const waiting = roomOf(pointId)?.waiting() ?? [];
      return waiting
        .filter((w) => !w.booking)
        .sort((a, b) => b.since.localeCompare(a.since))
        .map((w) => w.peerId);
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
