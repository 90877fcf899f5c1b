import { KanavaError, type ParticipantRole, type PeerId, type RoomId, type ServicePointId } from '@kanava/shared';

/** What one socket is bound to: nothing yet, or one participant in one room. */
export type SocketSessionState =
  | { kind: 'idle' }
  | { kind: 'joined'; roomId: RoomId; peerId: PeerId; pointId: ServicePointId; role: ParticipantRole };

export class SocketSession {
  state: SocketSessionState = { kind: 'idle' };

  joined(): Extract<SocketSessionState, { kind: 'joined' }> {
    if (this.state.kind !== 'joined') throw new KanavaError('notInRoom', 'join a room first');
    return this.state;
  }
}
