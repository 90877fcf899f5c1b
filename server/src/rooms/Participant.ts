import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { ParticipantRole, PeerId, PeerView, RtpCapabilities, StaffUserId, WaitingBooking } from '@kanava/shared';
import type { ParticipantState } from './participantLifecycle.ts';

/** Whether the participant's device is connected now; a lost one may come back within the grace period. */
export type ConnectionState = { kind: 'connected' } | { kind: 'lost'; since: Date };

export interface Participant {
  readonly peerId: PeerId;
  readonly displayName: string;
  readonly role: ParticipantRole;
  readonly staffUserId: StaffUserId | undefined;
  rtpCapabilities: RtpCapabilities;
  state: ParticipantState;
  readonly arrivedAt: Date;
  connection: ConnectionState;
  /** sha-256 of the secret that lets this participant come back after a dropped connection. */
  readonly rejoinTokenHash: Buffer;
  /** A waiting customer's booking (or walk-in), as the advisor marked it arrived; shown to the staff in the lobby. */
  booking?: WaitingBooking | undefined;
}

export type NewParticipant = Pick<Participant, 'peerId' | 'displayName' | 'role' | 'staffUserId' | 'rtpCapabilities' | 'booking'>;

export function createParticipant(p: NewParticipant, now: Date): { participant: Participant; rejoinToken: string } {
  const rejoinToken = randomBytes(32).toString('base64url');
  return {
    participant: { ...p, state: 'connecting', arrivedAt: now, connection: { kind: 'connected' }, rejoinTokenHash: hashToken(rejoinToken) },
    rejoinToken,
  };
}

export function tokenMatches(participant: Participant, token: string): boolean {
  return timingSafeEqual(participant.rejoinTokenHash, hashToken(token));
}

export function isStaff(p: Participant): boolean {
  return p.role !== 'customer';
}

export function viewOf(p: Participant): PeerView {
  return { peerId: p.peerId, displayName: p.displayName, role: p.role };
}

function hashToken(token: string): Buffer {
  return createHash('sha256').update(token).digest();
}
