import { randomUUID } from 'node:crypto';
import { ServiceSessionIdSchema, type ParticipantRole, type PeerId, type ServiceSessionId, type ServiceSessionView, type StaffUserId, type WaitingBooking } from '@kanava/shared';

/** Someone who took part in the session; what its service event records of them. */
export interface SessionParticipant {
  peerId: PeerId;
  role: ParticipantRole;
  displayName: string;
  staffUserId: StaffUserId | undefined;
}

/** A customer admitted into the session: how long they waited in the lobby, and their booking if matched. */
export interface AdmittedCustomer {
  peerId: PeerId;
  waitedMs: number;
  booking: WaitingBooking | undefined;
}

/**
 * One customer served, from admission until the customer leaves. Chat, documents, forms
 * and quality records hang on it, so the next customer starts from nothing.
 */
export class ServiceSession {
  readonly id: ServiceSessionId;
  readonly startedAt: Date;
  readonly admittedBy: string;
  /** The expert who admitted the first customer (the event's expert). */
  readonly admittedByAccountId: StaffUserId | undefined;
  endedAt: Date | undefined;
  readonly #customers: AdmittedCustomer[] = [];
  readonly #participants = new Map<PeerId, SessionParticipant>();

  /** `id` is given only when another node's session is carried on (cluster takeover). */
  constructor(admittedBy: string, now: Date, admittedByAccountId?: StaffUserId, id?: ServiceSessionId) {
    this.id = id ?? ServiceSessionIdSchema.parse(randomUUID());
    this.startedAt = now;
    this.admittedBy = admittedBy;
    this.admittedByAccountId = admittedByAccountId;
  }

  customerAdmitted(c: AdmittedCustomer): void {
    this.#customers.push(c);
  }

  /** Remembers who was in the call while the session ran (advisors stepping in and out included). */
  tookPart(p: SessionParticipant): void {
    if (!this.#participants.has(p.peerId)) this.#participants.set(p.peerId, { peerId: p.peerId, role: p.role, displayName: p.displayName, staffUserId: p.staffUserId });
  }

  get customers(): readonly AdmittedCustomer[] {
    return this.#customers;
  }

  get participants(): SessionParticipant[] {
    return [...this.#participants.values()];
  }

  view(): ServiceSessionView {
    return { sessionId: this.id, startedAt: this.startedAt.toISOString(), admittedBy: this.admittedBy };
  }
}
