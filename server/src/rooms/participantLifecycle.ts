import { KanavaError } from '@kanava/shared';

/**
 * A participant's lifecycle in a point room. Staff enter the call directly;
 * customers wait in the lobby until an expert admits them. Terminal states
 * are left, declined and removed.
 */
export type ParticipantState = 'connecting' | 'lobby' | 'admitted' | 'inCall' | 'left' | 'declined' | 'removed';

const allowed: Record<ParticipantState, readonly ParticipantState[]> = {
  connecting: ['lobby', 'inCall', 'left'],
  lobby: ['admitted', 'declined', 'left', 'removed'],
  admitted: ['inCall', 'left', 'removed'],
  inCall: ['left', 'removed'],
  left: [],
  declined: [],
  removed: [],
};

export function canTransition(from: ParticipantState, to: ParticipantState): boolean {
  return allowed[from].includes(to);
}

/** Returns the new state, or throws invalidState for a transition the lifecycle does not have. */
export function transition(from: ParticipantState, to: ParticipantState): ParticipantState {
  if (!canTransition(from, to)) throw new KanavaError('invalidState', `cannot go from ${from} to ${to}`);
  return to;
}

export function isTerminal(state: ParticipantState): boolean {
  return allowed[state].length === 0;
}

/** Only a participant in the call may send or receive media. */
export function mayUseMedia(state: ParticipantState): boolean {
  return state === 'inCall';
}
