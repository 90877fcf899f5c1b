import { KanavaError, type PeerId, type RoomId } from '@kanava/shared';

/** What one socket is bound to: nothing yet, or one participant in one room. */
export type SocketSessionState = { kind: 'idle' } | { kind: 'joined'; roomId: RoomId; peerId: PeerId };

export class SocketSession {
  state: SocketSessionState = { kind: 'idle' };

  joined(): { roomId: RoomId; peerId: PeerId } {
    if (this.state.kind !== 'joined') throw new KanavaError('notInRoom', 'join a room first');
    return this.state;
  }
}
