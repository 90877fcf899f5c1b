import {
  KanavaError,
  type ChatMessage,
  type EventName,
  type EventOf,
  type InCallView,
  type MediaKind,
  type MediaSource,
  type PeerId,
  type ProducerId,
  type ProducerView,
  type PublicServicePoint,
  type RoomId,
  type RoomLiveState,
  type ServicePointId,
  type StaffUserId,
  type WaitingBooking,
  type WaitingCustomer,
} from '@kanava/shared';
import { LobbyAudiences } from '../booking/expertFirst.ts';
import { mayUseMedia, transition, type ParticipantState } from './participantLifecycle.ts';
import { createParticipant, isStaff, tokenMatches, viewOf, type NewParticipant, type Participant } from './Participant.ts';
import { ServiceSession } from './ServiceSession.ts';

interface PublishedMedia {
  producerId: ProducerId;
  peerId: PeerId;
  kind: MediaKind;
  source: MediaSource;
  paused: boolean;
}

/**
 * How a room tells people what happened; the socket layer implements it with channels:
 * those in the call, one participant, the point's staff (in the room or watching its
 * directory), and the point's advisors.
 */
export interface RoomNotifier {
  toCall<K extends EventName>(roomId: RoomId, event: K, payload: EventOf<K>, except?: PeerId): void;
  toPeer<K extends EventName>(peerId: PeerId, event: K, payload: EventOf<K>): void;
  /** `exceptStaff`: staff members who get their own version of this event (`toStaffMemberOf`). */
  toStaffOf<K extends EventName>(pointId: ServicePointId, event: K, payload: EventOf<K>, exceptStaff?: readonly StaffUserId[]): void;
  /** One staff member of the point, in its room or watching its directory. */
  toStaffMemberOf<K extends EventName>(pointId: ServicePointId, staffUserId: StaffUserId, event: K, payload: EventOf<K>): void;
  toAdvisorsOf<K extends EventName>(pointId: ServicePointId, event: K, payload: EventOf<K>): void;
}

export interface RoomOptions {
  /** A customer waiting this long without admission is escalated to the point's staff. */
  escalateAfterMs: number;
  /** A booked customer is shown only to their booking's expert this long before the rest of the staff (0: to all at once). */
  bookedExpertFirstMs?: number;
  /** Told when a service session ends, so its record can be closed. */
  onSessionEnded?: (session: ServiceSession) => void;
  /** Told when a served customer leaves their session (hung up, service ended, gone for good): the survey follows. */
  onCustomerServed?: (customer: Participant, session: ServiceSession) => void;
  now?: () => Date;
}

/**
 * The persistent room of one service point: the lobby, the call, and the service session
 * that starts at each admission. It keeps the rules; it knows nothing of sockets or mediasoup.
 */
export class PointRoom {
  readonly roomId: RoomId;
  readonly point: PublicServicePoint;
  readonly #participants = new Map<PeerId, Participant>();
  readonly #media = new Map<ProducerId, PublishedMedia>();
  readonly #escalations = new Map<PeerId, ReturnType<typeof setTimeout>>();
  readonly #notifier: RoomNotifier;
  readonly #options: RoomOptions;
  #session: ServiceSession | undefined;
  /** Who is told of each waiting customer: the booked expert first (booking/expertFirst.ts). */
  readonly #audiences: LobbyAudiences;

  constructor(roomId: RoomId, point: PublicServicePoint, notifier: RoomNotifier, options: RoomOptions) {
    this.roomId = roomId;
    this.point = point;
    this.#notifier = notifier;
    this.#options = options;
    this.#audiences = new LobbyAudiences(options.bookedExpertFirstMs ?? 0, () => {
      this.#lobbyChanged();
      this.#changed();
    });
  }

  get isEmpty(): boolean {
    return this.#participants.size === 0;
  }

  get session(): ServiceSession | undefined {
    return this.#session;
  }

  /** Staff of this point enter the call directly. */
  enterAsStaff(p: NewParticipant): { participant: Participant; rejoinToken: string; view: InCallView } {
    if (p.role === 'customer') throw new KanavaError('forbidden', 'customers wait in the lobby');
    const { participant, rejoinToken } = this.#add(p);
    participant.state = transition(participant.state, 'inCall');
    this.#session?.tookPart(participant);
    this.#notifier.toCall(this.roomId, 'peerJoined', { peer: viewOf(participant) }, participant.peerId);
    this.#changed();
    return { participant, rejoinToken, view: this.inCallView(participant.peerId) };
  }

  /** A customer waits in the lobby until an expert admits them. */
  enterLobby(p: NewParticipant): { participant: Participant; rejoinToken: string } {
    if (p.role !== 'customer') throw new KanavaError('invalidState', 'only customers wait in the lobby');
    const { participant, rejoinToken } = this.#add(p);
    participant.state = transition(participant.state, 'lobby');
    this.#audiences.waiting(participant.peerId, participant.booking, this.#now());
    this.#escalations.set(
      participant.peerId,
      setTimeout(() => this.#escalate(participant.peerId), this.#options.escalateAfterMs),
    );
    this.#lobbyChanged();
    this.#changed();
    return { participant, rejoinToken };
  }

  /** The first expert to admit wins; the others are told who took the customer. */
  admit(customerId: PeerId, byId: PeerId, newSession?: ServiceSession): void {
    const by = this.assertMayAdmit(customerId, byId);
    const customer = this.participant(customerId);
    customer.state = transition(customer.state, 'admitted');
    const toldOnly = this.#audiences.of(customerId);
    this.#audiences.settled(customerId);
    this.#clearEscalation(customerId);
    const now = this.#now();
    if (!this.#session) {
      // The handler may bring the session whose record it has already stored (nothing half-done if the database is away).
      this.#session = newSession ?? new ServiceSession(by.displayName, now, by.staffUserId);
      this.#notifier.toCall(this.roomId, 'serviceSessionStarted', { session: this.#session.view() });
    }
    // What the service event will record: the wait, the booking, and everyone in the call.
    this.#session.customerAdmitted({ peerId: customerId, waitedMs: Math.max(0, now.getTime() - customer.arrivedAt.getTime()), booking: customer.booking });
    for (const p of [...this.#inCall(), customer]) this.#session.tookPart(p);
    this.#notifier.toPeer(customerId, 'admitted', { by: by.displayName });
    const taken = { pointSlug: this.point.slug, peerId: customerId, by: by.displayName };
    // Staff who were never told of a booked customer are not told that someone took them either.
    if (toldOnly.kind === 'bookedExpertOnly') this.#notifier.toStaffMemberOf(this.point.id, toldOnly.expertId, 'customerAdmitted', taken);
    else this.#notifier.toStaffOf(this.point.id, 'customerAdmitted', taken);
    this.#lobbyChanged();
    this.#changed();
  }

  /** Throws unless this staff member may admit this customer now; answers who admits. */
  assertMayAdmit(customerId: PeerId, byId: PeerId): Participant {
    const by = this.#inCallStaff(byId);
    if (by.role !== 'expert') throw new KanavaError('forbidden', 'only an expert admits customers');
    const customer = this.participant(customerId);
    if (customer.state !== 'lobby') throw new KanavaError('invalidState', 'the customer is no longer waiting');
    if (!this.#audiences.visibleTo(customerId, by.staffUserId)) throw new KanavaError('forbidden', 'the customer’s booked expert is told first');
    return by;
  }

  decline(customerId: PeerId, byId: PeerId, reason: string): void {
    const by = this.#inCallStaff(byId);
    if (by.role !== 'expert') throw new KanavaError('forbidden', 'only an expert declines customers');
    const customer = this.participant(customerId);
    if (customer.state !== 'lobby') throw new KanavaError('invalidState', 'the customer is no longer waiting');
    customer.state = transition(customer.state, 'declined');
    this.#notifier.toPeer(customerId, 'declined', { reason });
    this.#remove(customer, 'lobby');
  }

  /**
   * The advisor marked an arrival while this customer was already waiting: their lobby entry
   * now shows the booking. Who is told does not narrow again: everyone already saw them.
   */
  attachBooking(peerId: PeerId, booking: WaitingBooking): void {
    const p = this.participant(peerId);
    if (p.role !== 'customer' || p.state !== 'lobby') throw new KanavaError('invalidState', 'the customer is no longer waiting');
    p.booking = booking;
    this.#lobbyChanged();
  }

  /** An admitted customer steps into the call. */
  enterCall(peerId: PeerId): InCallView {
    const p = this.participant(peerId);
    p.state = transition(p.state, 'inCall');
    this.#notifier.toCall(this.roomId, 'peerJoined', { peer: viewOf(p) }, peerId);
    this.#changed();
    return this.inCallView(peerId);
  }

  /** Removes the participant and everything they published; idempotent. */
  leave(peerId: PeerId): void {
    const p = this.#participants.get(peerId);
    if (!p) return;
    const before = p.state;
    p.state = transition(p.state, 'left');
    this.#remove(p, before);
  }

  /** An expert ends the service: the customers in it are let go (their screens show the end), staff stay. */
  endSession(byId: PeerId): PeerId[] {
    const by = this.#inCallStaff(byId);
    if (by.role !== 'expert') throw new KanavaError('forbidden', 'only an expert ends the service');
    if (!this.#session) throw new KanavaError('invalidState', 'no service is running');
    const served = [...this.#participants.values()].filter((p) => p.role === 'customer' && (p.state === 'inCall' || p.state === 'admitted'));
    for (const customer of served) {
      const before = customer.state;
      customer.state = transition(customer.state, 'removed');
      this.#remove(customer, before);
    }
    return served.map((p) => p.peerId);
  }

  /** Tells the others in the call about a chat message the sender has stored. */
  chatPosted(message: ChatMessage): void {
    this.#notifier.toCall(this.roomId, 'chatMessage', { message }, message.senderPeerId);
  }

  callAdvisor(peerId: PeerId): void {
    const p = this.participant(peerId);
    if (p.role !== 'customer' || (p.state !== 'inCall' && p.state !== 'lobby')) {
      throw new KanavaError('invalidState', 'only a customer in the lobby or the call calls the advisor');
    }
    const payload = { pointSlug: this.point.slug, pointName: this.point.nameFi, at: this.#now().toISOString() };
    this.#notifier.toAdvisorsOf(this.point.id, 'advisorCalled', payload);
    this.#notifier.toCall(this.roomId, 'advisorCalled', payload);
  }

  connectionLost(peerId: PeerId): void {
    const p = this.#participants.get(peerId);
    if (!p || p.connection.kind === 'lost') return;
    p.connection = { kind: 'lost', since: this.#now() };
    this.#notifyConnection(p, 'peerConnectionLost');
  }

  /** Finds the participant a rejoin token belongs to, and marks them connected again. */
  resume(token: string): Participant {
    const p = [...this.#participants.values()].find((candidate) => tokenMatches(candidate, token));
    if (!p) throw new KanavaError('notInRoom', 'that participation has ended');
    if (p.connection.kind === 'lost') {
      p.connection = { kind: 'connected' };
      this.#notifyConnection(p, 'peerConnectionRestored');
    }
    return p;
  }

  participant(peerId: PeerId): Participant {
    const p = this.#participants.get(peerId);
    if (!p) throw new KanavaError('notInRoom', 'not in this room');
    return p;
  }

  /** Throws unless the participant may send or receive media now: only in the call. */
  assertMayUseMedia(peerId: PeerId): Participant {
    const p = this.participant(peerId);
    if (!mayUseMedia(p.state)) throw new KanavaError('forbidden', 'media is available only in the call');
    return p;
  }

  /** Throws unless the participant may start sending this track now. */
  assertMayPublish(peerId: PeerId, kind: MediaKind, source: MediaSource): void {
    this.assertMayUseMedia(peerId);
    const expected: MediaKind = source === 'microphone' ? 'audio' : 'video';
    if (kind !== expected) throw new KanavaError('badRequest', `a ${source} track must be ${expected}`);
    for (const m of this.#media.values()) {
      if (m.peerId === peerId && m.source === source) throw new KanavaError('invalidState', `already sending ${source}`);
    }
  }

  published(media: PublishedMedia): void {
    this.assertMayPublish(media.peerId, media.kind, media.source);
    this.#media.set(media.producerId, { ...media });
    this.#notifier.toCall(this.roomId, 'producerAdded', { producer: { ...media } }, media.peerId);
  }

  pauseChanged(peerId: PeerId, producerId: ProducerId, paused: boolean): void {
    const media = this.#ownMedia(peerId, producerId);
    if (media.paused === paused) return;
    media.paused = paused;
    this.#notifier.toCall(this.roomId, paused ? 'producerPaused' : 'producerResumed', { producerId }, peerId);
  }

  unpublished(producerId: ProducerId): void {
    const media = this.#media.get(producerId);
    if (!media) return;
    this.#media.delete(producerId);
    this.#notifier.toCall(this.roomId, 'producerClosed', { producerId }, media.peerId);
  }

  mediaOf(producerId: ProducerId): PublishedMedia {
    const media = this.#media.get(producerId);
    if (!media) throw new KanavaError('notFound', 'no such media in this room');
    return media;
  }

  ownsMedia(peerId: PeerId, producerId: ProducerId): boolean {
    return this.#media.get(producerId)?.peerId === peerId;
  }

  /** What a participant in the call sees: the others in the call, their media, the session; staff also the lobby. */
  inCallView(forPeer: PeerId): InCallView {
    const me = this.participant(forPeer);
    return {
      peers: this.#inCall().filter((p) => p.peerId !== forPeer).map(viewOf),
      producers: this.producers().filter((m) => m.peerId !== forPeer),
      session: this.#session?.view() ?? null,
      lobby: isStaff(me) ? this.waiting(me.staffUserId) : [],
    };
  }

  /** How many participants are in each lifecycle state now (for metrics). */
  stateCounts(): Partial<Record<ParticipantState, number>> {
    const counts: Partial<Record<ParticipantState, number>> = {};
    for (const p of this.#participants.values()) counts[p.state] = (counts[p.state] ?? 0) + 1;
    return counts;
  }

  /** The lobby as one staff member may see it: a booked customer only by their booking's expert at first. */
  waiting(forStaff?: StaffUserId): WaitingCustomer[] {
    return [...this.#participants.values()]
      .filter((p) => p.state === 'lobby' && this.#audiences.visibleTo(p.peerId, forStaff))
      .map((p) => ({
        peerId: p.peerId,
        displayName: p.displayName,
        since: p.arrivedAt.toISOString(),
        connectionLost: p.connection.kind === 'lost',
        ...(p.booking ? { booking: p.booking } : {}),
      }));
  }

  producers(): ProducerView[] {
    return [...this.#media.values()].map((m) => ({ ...m }));
  }

  peers() {
    return this.#inCall().map(viewOf);
  }

  /** The directory's view for one staff member: customers told only to their booked expert are left out for the others. */
  liveState(forStaff?: StaffUserId): RoomLiveState {
    const shown = [...this.#participants.values()].filter((p) => p.state !== 'lobby' || this.#audiences.visibleTo(p.peerId, forStaff));
    return liveStateOf(this.point, shown, this.#session !== undefined);
  }

  /** What another server node needs to carry the room on after this one (cluster/roomSnapshot.ts); media is not in it. */
  snapshot(): { participants: Participant[]; session: ServiceSession | undefined } {
    return { participants: [...this.#participants.values()], session: this.#session };
  }

  /** Carries on a room another node held: its participants (marked lost until they resume) and its running session. */
  restore(participants: Participant[], session: ServiceSession | undefined): void {
    for (const p of participants) this.#participants.set(p.peerId, p);
    this.#session = session;
    this.#changed();
  }

  /** Stops timers; the room is going away. */
  dispose(): void {
    for (const timer of this.#escalations.values()) clearTimeout(timer);
    this.#escalations.clear();
    this.#audiences.dispose();
  }

  #add(p: NewParticipant): { participant: Participant; rejoinToken: string } {
    if (this.#participants.has(p.peerId)) throw new KanavaError('alreadyInRoom', 'already in this room');
    const created = createParticipant(p, this.#now());
    this.#participants.set(p.peerId, created.participant);
    return created;
  }

  #remove(p: Participant, stateBefore: ParticipantState): void {
    this.#participants.delete(p.peerId);
    this.#clearEscalation(p.peerId);
    this.#audiences.settled(p.peerId);
    for (const [producerId, media] of this.#media) {
      if (media.peerId === p.peerId) this.#media.delete(producerId);
    }
    if (stateBefore === 'inCall') this.#notifier.toCall(this.roomId, 'peerLeft', { peerId: p.peerId }, p.peerId);
    if (p.role === 'customer') {
      if (this.#session && (stateBefore === 'inCall' || stateBefore === 'admitted')) this.#options.onCustomerServed?.(p, this.#session);
      this.#lobbyChanged();
      this.#endSessionIfNoCustomer();
    }
    this.#changed();
  }

  #endSessionIfNoCustomer(): void {
    const session = this.#session;
    if (!session) return;
    const customerStillServed = [...this.#participants.values()].some(
      (p) => p.role === 'customer' && (p.state === 'admitted' || p.state === 'inCall'),
    );
    if (customerStillServed) return;
    session.endedAt = this.#now();
    this.#session = undefined;
    this.#options.onSessionEnded?.(session);
    this.#notifier.toCall(this.roomId, 'serviceSessionEnded', { sessionId: session.id });
  }

  #inCallStaff(peerId: PeerId): Participant {
    const p = this.participant(peerId);
    if (!isStaff(p) || p.state !== 'inCall') throw new KanavaError('forbidden', 'only staff in the call may do that');
    return p;
  }

  #inCall(): Participant[] {
    return [...this.#participants.values()].filter((p) => p.state === 'inCall');
  }

  #ownMedia(peerId: PeerId, producerId: ProducerId): PublishedMedia {
    const media = this.#media.get(producerId);
    if (!media || media.peerId !== peerId) throw new KanavaError('notFound', 'no such media of this participant');
    return media;
  }

  #notifyConnection(p: Participant, event: 'peerConnectionLost' | 'peerConnectionRestored'): void {
    if (p.state === 'inCall') this.#notifier.toCall(this.roomId, event, { peerId: p.peerId }, p.peerId);
    if (p.state === 'lobby') this.#lobbyChanged();
  }

  #escalate(peerId: PeerId): void {
    this.#escalations.delete(peerId);
    const p = this.#participants.get(peerId);
    if (!p || p.state !== 'lobby') return;
    this.#notifier.toStaffOf(this.point.id, 'lobbyEscalated', {
      pointSlug: this.point.slug,
      pointName: this.point.nameFi,
      peerId,
      waitingSince: p.arrivedAt.toISOString(),
    });
  }

  #clearEscalation(peerId: PeerId): void {
    const timer = this.#escalations.get(peerId);
    if (timer) clearTimeout(timer);
    this.#escalations.delete(peerId);
  }

  #lobbyChanged(): void {
    this.#toStaff('lobbyChanged', (staff) => ({ pointSlug: this.point.slug, waiting: this.waiting(staff) }));
  }

  #changed(): void {
    this.#toStaff('roomStateChanged', (staff) => ({ room: this.liveState(staff) }));
  }

  /** Tells the staff, each as much as they may see: a booked expert who alone sees a customer gets their own version. */
  #toStaff<K extends 'lobbyChanged' | 'roomStateChanged'>(event: K, payloadFor: (staff: StaffUserId | undefined) => EventOf<K>): void {
    const reserved = this.#audiences.reservedFor();
    this.#notifier.toStaffOf(this.point.id, event, payloadFor(undefined), reserved);
    for (const expertId of reserved) this.#notifier.toStaffMemberOf(this.point.id, expertId, event, payloadFor(expertId));
  }

  #now(): Date {
    return this.#options.now?.() ?? new Date();
  }
}

/** The directory's view of a room; an unopened room is simply empty. */
export function liveStateOf(point: PublicServicePoint, participants: Participant[], sessionRunning: boolean): RoomLiveState {
  const waiting = participants.filter((p) => p.state === 'lobby').sort((a, b) => a.arrivedAt.getTime() - b.arrivedAt.getTime());
  const inCall = participants.filter((p) => p.state === 'inCall');
  return {
    pointId: point.id,
    slug: point.slug,
    nameFi: point.nameFi,
    nameSv: point.nameSv,
    municipality: point.municipality,
    customerWaitingSince: waiting[0]?.arrivedAt.toISOString() ?? null,
    waitingCount: waiting.length,
    inCall: sessionRunning,
    expertPresent: inCall.some((p) => p.role === 'expert'),
    advisorPresent: inCall.some((p) => p.role === 'advisor'),
  };
}
