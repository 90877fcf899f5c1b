import {
  KanavaError,
  type EventName,
  type EventOf,
  type MediaKind,
  type MediaSource,
  type ParticipantRole,
  type PeerId,
  type PeerView,
  type ProducerId,
  type ProducerView,
  type PublicServicePoint,
  type RoomId,
  type RtpCapabilities,
} from '@kanava/shared';
import { mayUseMedia, transition, type ParticipantState } from './participantLifecycle.ts';

export interface Participant {
  readonly peerId: PeerId;
  readonly displayName: string;
  readonly role: ParticipantRole;
  readonly rtpCapabilities: RtpCapabilities;
  state: ParticipantState;
}

interface PublishedMedia {
  producerId: ProducerId;
  peerId: PeerId;
  kind: MediaKind;
  source: MediaSource;
  paused: boolean;
}

/** How a room tells its participants what happened; the socket layer implements it. */
export interface RoomNotifier {
  toRoom<K extends EventName>(roomId: RoomId, event: K, payload: EventOf<K>, except?: PeerId): void;
}

/**
 * The persistent room of one service point: who is in it, in which state, and what
 * media each one publishes. It keeps the rules; it knows nothing of sockets or mediasoup.
 */
export class PointRoom {
  readonly roomId: RoomId;
  readonly point: PublicServicePoint;
  readonly #participants = new Map<PeerId, Participant>();
  readonly #media = new Map<ProducerId, PublishedMedia>();
  readonly #notifier: RoomNotifier;

  constructor(roomId: RoomId, point: PublicServicePoint, notifier: RoomNotifier) {
    this.roomId = roomId;
    this.point = point;
    this.#notifier = notifier;
  }

  get isEmpty(): boolean {
    return this.#participants.size === 0;
  }

  get participantCount(): number {
    return this.#participants.size;
  }

  /** Adds a participant and takes them into the call; returns who and what is already there. */
  enter(p: Omit<Participant, 'state'>): { peers: PeerView[]; producers: ProducerView[] } {
    if (this.#participants.has(p.peerId)) throw new KanavaError('alreadyInRoom', 'already in this room');
    const participant: Participant = { ...p, state: 'connecting' };
    participant.state = transition(participant.state, 'inCall');
    const peers = this.peers();
    const producers = this.producers();
    this.#participants.set(p.peerId, participant);
    this.#notifier.toRoom(this.roomId, 'peerJoined', { peer: viewOf(participant) }, p.peerId);
    return { peers, producers };
  }

  /** Removes the participant and everything they published; idempotent. */
  leave(peerId: PeerId): void {
    const participant = this.#participants.get(peerId);
    if (!participant) return;
    participant.state = transition(participant.state, 'left');
    this.#participants.delete(peerId);
    for (const [producerId, media] of this.#media) {
      if (media.peerId === peerId) this.#media.delete(producerId);
    }
    this.#notifier.toRoom(this.roomId, 'peerLeft', { peerId }, peerId);
  }

  participant(peerId: PeerId): Participant {
    const p = this.#participants.get(peerId);
    if (!p) throw new KanavaError('notInRoom', 'not in this room');
    return p;
  }

  /** Throws unless the participant may send or receive media now. */
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
    this.#notifier.toRoom(this.roomId, 'producerAdded', { producer: { ...media } }, media.peerId);
  }

  pauseChanged(peerId: PeerId, producerId: ProducerId, paused: boolean): void {
    const media = this.#ownMedia(peerId, producerId);
    if (media.paused === paused) return;
    media.paused = paused;
    this.#notifier.toRoom(this.roomId, paused ? 'producerPaused' : 'producerResumed', { producerId }, peerId);
  }

  unpublished(producerId: ProducerId): void {
    const media = this.#media.get(producerId);
    if (!media) return;
    this.#media.delete(producerId);
    this.#notifier.toRoom(this.roomId, 'producerClosed', { producerId }, media.peerId);
  }

  mediaOf(producerId: ProducerId): PublishedMedia {
    const media = this.#media.get(producerId);
    if (!media) throw new KanavaError('notFound', 'no such media in this room');
    return media;
  }

  ownsMedia(peerId: PeerId, producerId: ProducerId): boolean {
    return this.#media.get(producerId)?.peerId === peerId;
  }

  peers(): PeerView[] {
    return [...this.#participants.values()].map(viewOf);
  }

  producers(): ProducerView[] {
    return [...this.#media.values()].map((m) => ({ ...m }));
  }

  #ownMedia(peerId: PeerId, producerId: ProducerId): PublishedMedia {
    const media = this.#media.get(producerId);
    if (!media || media.peerId !== peerId) throw new KanavaError('notFound', 'no such media of this participant');
    return media;
  }
}

function viewOf(p: Participant): PeerView {
  return { peerId: p.peerId, displayName: p.displayName, role: p.role };
}
