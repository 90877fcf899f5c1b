import { Device, type types } from 'mediasoup-client';
import {
  DtlsParametersSchema,
  KanavaError,
  MediaSourceSchema,
  ProducerIdSchema,
  RtpCapabilitiesSchema,
  RtpParametersSchema,
  TransportIdSchema,
  type ConsumerId,
  type ErrorCode,
  type MediaSource,
  type PeerId,
  type PeerView,
  type PointSlug,
  type ProducerId,
  type ProducerView,
  type ChatMessage,
  type InCallView,
  type JoinResult,
  type ParticipantRole,
  type ServiceSessionView,
  type TransportOptions,
  type WaitingCustomer,
} from '@kanava/shared';
import { restartIceWhenLost } from './iceRestart.ts';
import { cameraEncodings } from './localMedia.ts';
import { SignallingClient } from './SignallingClient.ts';
import { CallQuality } from '../quality/CallQuality.ts';
import { watchCall } from '../documents/MaterialStore.ts';
import { SessionDocuments } from '../documents/SessionDocuments.ts';
import { SessionForms } from '../forms/SessionForms.ts';
import { produceContent, type ContentSource } from '../quality/contentShare.ts';

/**
 * A call's lifecycle on this device. `reconnecting` is entered when the connection
 * drops in the call, and left by joining again by itself.
 */
export type CallPhase =
  | 'idle'
  | 'joining'
  /** a customer waiting for an expert to admit them */
  | 'lobby'
  | 'inCall'
  | 'reconnecting'
  /** the expert ended the service (customer's view) */
  | 'ended'
  /** the expert declined the customer, with a reason */
  | 'declined'
  | 'left'
  | 'failed';

export interface RemoteParticipant {
  peerId: PeerId;
  displayName: string;
  role: PeerView['role'];
  video: MediaStreamTrack | undefined;
  audio: MediaStreamTrack | undefined;
  videoPaused: boolean;
  audioPaused: boolean;
  /** The participant's connection dropped; they may come back. */
  connectionLost: boolean;
  /** A document camera or shared screen the participant sends beside their camera. */
  content: { source: ContentSource; track: MediaStreamTrack | undefined } | undefined;
}

export interface CallSnapshot {
  phase: CallPhase;
  error: ErrorCode | undefined;
  role: ParticipantRole | undefined;
  micMuted: boolean;
  camMuted: boolean;
  participants: RemoteParticipant[];
  /** When this customer started waiting (lobby). */
  waitingSince: string | undefined;
  declineReason: string | undefined;
  /** Staff only: customers waiting in the lobby. */
  lobby: WaitingCustomer[];
  session: ServiceSessionView | null;
  /** When the customer last called the advisor (shown in the room). */
  advisorCalledAt: string | undefined;
  /** The chat of the current service session, in order. */
  chat: ChatMessage[];
  selfPeerId: PeerId | undefined;
  /** Customer: the one-time token for the satisfaction survey, once the service has ended. */
  surveyToken: string | undefined;
}

interface RemoteMedia {
  consumer: types.Consumer;
  producerId: ProducerId;
}

/** Joins one point room and keeps this device's media in it: sends camera and microphone, receives the others'. */
export class CallSession {
  readonly #slug: PointSlug;
  readonly #displayName: string;
  readonly #local: MediaStream;
  readonly #signalling = new SignallingClient();
  readonly #listeners = new Set<() => void>();
  readonly #unsubscribe: Array<() => void> = [];
  #device: Device | undefined;
  #send: types.Transport | undefined;
  #recv: types.Transport | undefined;
  #producers = new Map<MediaSource, types.Producer>();
  /**
   * What this device chose to share beside its camera. Kept apart from the producers, which
   * a dropped connection closes: after `room.resume` the same tracks are sent again.
   */
  readonly #content = new Map<ContentSource, MediaStreamTrack>();
  /** Pre-call check submission, live figures and incidents (issue 9). */
  readonly quality: CallQuality;
  /** The session's shared documents and co-edited forms (issue 6). */
  readonly documents: SessionDocuments;
  readonly forms: SessionForms;
  #peers = new Map<PeerId, PeerView>();
  #remoteProducers = new Map<ProducerId, ProducerView>();
  #consumers = new Map<ConsumerId, RemoteMedia>();
  /** Media work runs one step at a time so events never race transport setup. */
  #queue: Promise<void> = Promise.resolve();
  #lostPeers = new Set<PeerId>();
  #rejoinToken: string | undefined;
  readonly #kioskToken: string | undefined;
  /** A customer at home: their booking's personal link opens the lobby instead of the kiosk token. */
  readonly #bookingLink: string | undefined;
  #snapshot: CallSnapshot = {
    phase: 'idle',
    error: undefined,
    role: undefined,
    micMuted: false,
    camMuted: false,
    participants: [],
    waitingSince: undefined,
    declineReason: undefined,
    lobby: [],
    session: null,
    advisorCalledAt: undefined,
    chat: [],
    selfPeerId: undefined,
    surveyToken: undefined,
  };

  constructor(slug: PointSlug, displayName: string, local: MediaStream, kioskToken?: string, bookingLink?: string) {
    this.#slug = slug;
    this.#displayName = displayName;
    this.#local = local;
    this.#kioskToken = kioskToken;
    this.#bookingLink = bookingLink;
    this.#listenToRoom();
    this.quality = new CallQuality(this.#signalling, slug, { sendTransport: () => this.#send, cameraProducer: () => this.#producers.get('camera') });
    const watch = watchCall(this.subscribe, () => this.#snapshot);
    this.documents = new SessionDocuments(this.#signalling, watch);
    this.forms = new SessionForms(this.#signalling, watch, () => ({ name: this.#displayName }));
  }

  subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };

  getSnapshot = (): CallSnapshot => this.#snapshot;

  /** The camera and microphone this session sends (a check in the lobby measures them again). */
  get localStream(): MediaStream {
    return this.#local;
  }

  get localVideoTrack(): MediaStreamTrack | undefined {
    return this.#local.getVideoTracks()[0];
  }

  async join(): Promise<void> {
    this.#update({ phase: 'joining', error: undefined });
    globalThis.addEventListener?.('pagehide', this.#leaveWithPage);
    try {
      await this.#signalling.connect();
      await this.#enterRoom();
    } catch (err) {
      this.#teardownMedia();
      this.#signalling.disconnect();
      this.#update({ phase: 'failed', error: err instanceof KanavaError ? err.code : 'internal' });
    }
  }

  /** Expert: let a waiting customer into the call. */
  async admit(peerId: PeerId): Promise<void> {
    await this.#signalling.request('lobby.admit', { peerId });
  }

  /** Expert: turn a waiting customer away, telling them why. */
  async decline(peerId: PeerId, reason: string): Promise<void> {
    await this.#signalling.request('lobby.decline', { peerId, reason });
  }

  /** Expert: the service is done; the customer's call ends, staff stay in the room. */
  async endSession(): Promise<void> {
    await this.#signalling.request('session.end', {});
  }

  /** Sends a chat message; it appears once the server has stored it in order. */
  async sendChat(text: string): Promise<void> {
    const message = await this.#signalling.request('chat.send', { text });
    this.#addChat(message);
  }

  /** Customer: ring the point's advisor. */
  async callAdvisor(): Promise<void> {
    await this.#signalling.request('room.callAdvisor', {});
    this.#update({ advisorCalledAt: new Date().toISOString() });
  }

  async setMicMuted(muted: boolean): Promise<void> {
    await this.#setSourcePaused('microphone', muted);
    this.#update({ micMuted: muted });
  }

  async setCamMuted(muted: boolean): Promise<void> {
    await this.#setSourcePaused('camera', muted);
    this.#update({ camMuted: muted });
  }

  /** Sends a document camera or the screen beside the camera; replaces an earlier one of the same kind. */
  async startContent(source: ContentSource, track: MediaStreamTrack): Promise<void> {
    if (!this.#send) throw new KanavaError('invalidState', 'not in the call');
    await this.stopContent(source);
    this.#content.set(source, track);
    const producer = await produceContent(this.#send, source, track);
    this.#producers.set(source, producer);
    // The browser's own "stop sharing" bar ends the track: stop sending it too.
    track.addEventListener('ended', () => void this.stopContent(source), { once: true });
  }

  async stopContent(source: ContentSource): Promise<void> {
    const track = this.#content.get(source);
    this.#content.delete(source);
    track?.stop();
    const producer = this.#producers.get(source);
    if (!producer) return;
    this.#producers.delete(source);
    producer.close();
    producer.track?.stop();
    if (this.#signalling.socket.connected) {
      await this.#signalling.request('producer.close', { producerId: ProducerIdSchema.parse(producer.id) }).catch(() => undefined);
    }
  }

  /** What this device shares now (for its own controls and preview). */
  contentTrack(source: ContentSource): MediaStreamTrack | undefined {
    return this.#content.get(source);
  }

  /**
   * A closed tab or browser is a leave, not a dropped connection: without this the customer would
   * stay "waiting" in the staff's lobby for the whole reconnect grace. (A reload starts anew too:
   * the rejoin token lives only in this page.) Sent without waiting; the page is going away.
   */
  readonly #leaveWithPage = (event: Event): void => {
    if ((event as PageTransitionEvent).persisted || this.#snapshot.phase === 'left') return;
    if (this.#signalling.socket.connected) void this.#signalling.request('room.leave', {}).catch(() => undefined);
  };

  /** Leaves the call and turns the camera and microphone off; safe to call more than once. */
  async hangUp(): Promise<void> {
    globalThis.removeEventListener?.('pagehide', this.#leaveWithPage);
    if (this.#snapshot.phase === 'left') return;
    const wasConnected = this.#signalling.socket.connected;
    this.#rejoinToken = undefined;
    this.#update({ phase: 'left' });
    if (wasConnected) await this.#signalling.request('room.leave', {}).catch(() => undefined);
    this.#teardownMedia();
    for (const off of this.#unsubscribe) off();
    this.quality.dispose();
    this.documents.dispose();
    this.forms.dispose();
    this.#signalling.disconnect();
    for (const track of this.#local.getTracks()) track.stop();
    for (const track of this.#content.values()) track.stop();
    this.#content.clear();
  }

  /** Joins (or, after a dropped connection, resumes) and follows wherever the server puts us: lobby or call. */
  async #enterRoom(): Promise<void> {
    const { routerRtpCapabilities } = await this.#signalling.request('room.getRouterCapabilities', { pointSlug: this.#slug });
    if (!this.#device) {
      this.#device = await Device.factory();
      await this.#device.load({ routerRtpCapabilities: routerRtpCapabilities as types.RtpCapabilities });
    }
    const rtpCapabilities = RtpCapabilitiesSchema.parse(this.#device.rtpCapabilities);
    const result: JoinResult = this.#rejoinToken
      ? await this.#signalling.request('room.resume', { pointSlug: this.#slug, rejoinToken: this.#rejoinToken, rtpCapabilities })
      : await this.#signalling.request('room.join', {
          pointSlug: this.#slug,
          displayName: this.#displayName,
          rtpCapabilities,
          ...(this.#kioskToken ? { kioskToken: this.#kioskToken } : {}),
          ...(this.#bookingLink ? { bookingLink: this.#bookingLink } : {}),
        });
    this.#rejoinToken = result.rejoinToken;
    await this.quality.afterJoin(result.peerId);
    this.#update({ role: result.role, selfPeerId: result.peerId });
    if (result.admission === 'inCall') {
      await this.#startMedia(result);
      return;
    }
    this.#update({ phase: 'lobby', waitingSince: result.waitingSince });
    if (result.admitted) await this.#enterCall();
  }

  async #enterCall(): Promise<void> {
    const view = await this.#signalling.request('room.enterCall', {});
    await this.#startMedia(view);
  }

  async #startMedia(view: InCallView): Promise<void> {
    const device = this.#device;
    if (!device) throw new KanavaError('invalidState', 'media device not ready');
    this.#peers = new Map(view.peers.map((p) => [p.peerId, p]));
    this.#remoteProducers = new Map(view.producers.map((p) => [p.producerId, p]));
    this.#update({ lobby: view.lobby, session: view.session });
    this.#publishParticipants();
    if (view.session) {
      // After a reconnect the conversation so far comes back from the server.
      const { messages } = await this.#signalling.request('chat.history', {});
      this.#update({ chat: [] });
      for (const m of messages) this.#addChat(m);
    }

    // Both transports in one round trip; receiving starts before sending so the customer sees the expert sooner.
    const [sendOptions, recvOptions] = await Promise.all([
      this.#signalling.request('transport.create', { direction: 'send' }),
      this.#signalling.request('transport.create', { direction: 'recv' }),
    ]);
    this.#send = this.#createTransport(device, sendOptions, 'send');
    this.#recv = this.#createTransport(device, recvOptions, 'recv');
    for (const producer of this.#remoteProducers.values()) this.#enqueue(() => this.#consume(producer));

    const audio = this.#local.getAudioTracks()[0];
    const video = this.#local.getVideoTracks()[0];
    await Promise.all([
      audio ? this.#produce('microphone', audio) : undefined,
      video ? this.#produce('camera', video) : undefined,
      this.#queue,
    ]);
    // Back after a dropped connection: what was being shown is sent again (new producers, same tracks).
    for (const [source, track] of this.#content) {
      const send = this.#send;
      if (!send) break;
      if (track.readyState !== 'live') this.#content.delete(source);
      else if (!this.#producers.has(source)) this.#producers.set(source, await produceContent(send, source, track));
    }
    this.#update({ phase: 'inCall' });
  }

  #createTransport(device: Device, options: TransportOptions, direction: 'send' | 'recv'): types.Transport {
    const params = {
      id: options.id,
      iceParameters: options.iceParameters,
      iceCandidates: options.iceCandidates as types.IceCandidate[],
      dtlsParameters: options.dtlsParameters,
      iceServers: options.iceServers,
    };
    const transport = direction === 'send' ? device.createSendTransport(params) : device.createRecvTransport(params);
    // A path that dies under a live socket (UDP blocked mid-call) moves to another one (TCP, TURN) without a rejoin.
    restartIceWhenLost(transport, {
      newIceParameters: async () => (await this.#signalling.request('transport.restartIce', { transportId: options.id })).iceParameters as types.IceParameters,
      canRestart: () => this.#signalling.socket.connected,
    });
    transport.on('connect', ({ dtlsParameters }, callback, errback) => {
      this.#signalling
        .request('transport.connect', { transportId: options.id, dtlsParameters: DtlsParametersSchema.parse(dtlsParameters) })
        .then(() => callback(), errback);
    });
    if (direction === 'send') {
      transport.on('produce', ({ kind, rtpParameters, appData }, callback, errback) => {
        const source = MediaSourceSchema.catch('microphone').parse(appData['source']);
        this.#signalling
          .request('producer.create', { transportId: options.id, kind, rtpParameters: RtpParametersSchema.parse(rtpParameters), source, paused: false })
          .then(({ producerId }) => callback({ id: producerId }), errback);
      });
    }
    return transport;
  }

  async #produce(source: 'camera' | 'microphone', track: MediaStreamTrack): Promise<void> {
    if (!this.#send) return;
    const producer = await this.#send.produce({
      track,
      appData: { source },
      stopTracks: false,
      ...(source === 'camera'
        ? { encodings: cameraEncodings, codecOptions: { videoGoogleStartBitrate: this.quality.startBitrateKbps() } }
        : { codecOptions: { opusStereo: false, opusDtx: true, opusFec: true } }),
    });
    this.#producers.set(source, producer);
    const muted = source === 'camera' ? this.#snapshot.camMuted : this.#snapshot.micMuted;
    if (muted) await this.#setSourcePaused(source, true);
  }

  async #consume(producer: ProducerView): Promise<void> {
    const recv = this.#recv;
    if (!recv || !this.#remoteProducers.has(producer.producerId)) return;
    const options = await this.#signalling.request('consumer.create', { transportId: TransportIdSchema.parse(recv.id), producerId: producer.producerId });
    const consumer = await recv.consume({
      id: options.consumerId,
      producerId: options.producerId,
      kind: options.kind,
      rtpParameters: options.rtpParameters as types.RtpParameters,
    });
    this.#consumers.set(options.consumerId, { consumer, producerId: options.producerId });
    await this.#signalling.request('consumer.resume', { consumerId: options.consumerId });
    if (options.producerPaused) this.#remoteProducers.set(producer.producerId, { ...producer, paused: true });
    this.#publishParticipants();
  }

  async #setSourcePaused(source: MediaSource, paused: boolean): Promise<void> {
    const producer = this.#producers.get(source);
    if (!producer) return;
    if (paused) producer.pause();
    else producer.resume();
    if (this.#signalling.socket.connected) {
      await this.#signalling.request('producer.setPaused', { producerId: ProducerIdSchema.parse(producer.id), paused });
    }
  }

  #listenToRoom(): void {
    const s = this.#signalling;
    this.#unsubscribe.push(
      s.on('peerJoined', ({ peer }) => {
        this.#peers.set(peer.peerId, peer);
        this.#publishParticipants();
      }),
      s.on('peerLeft', ({ peerId }) => {
        this.#peers.delete(peerId);
        this.#lostPeers.delete(peerId);
        for (const [id, p] of this.#remoteProducers) if (p.peerId === peerId) this.#dropRemoteProducer(id);
        this.#publishParticipants();
      }),
      s.on('producerAdded', ({ producer }) => {
        this.#remoteProducers.set(producer.producerId, producer);
        if (this.#recv) this.#enqueue(() => this.#consume(producer));
      }),
      s.on('producerPaused', ({ producerId }) => this.#setRemotePaused(producerId, true)),
      s.on('producerResumed', ({ producerId }) => this.#setRemotePaused(producerId, false)),
      s.on('producerClosed', ({ producerId }) => {
        this.#dropRemoteProducer(producerId);
        this.#publishParticipants();
      }),
      s.on('lobbyChanged', ({ waiting }) => this.#update({ lobby: waiting })),
      s.on('admitted', () => {
        if (this.#snapshot.phase !== 'lobby') return;
        this.#enterCall().catch(() => this.#fail('internal'));
      }),
      s.on('declined', ({ reason }) => {
        this.#rejoinToken = undefined;
        this.#teardownMedia();
        this.#update({ phase: 'declined', declineReason: reason });
        this.#signalling.disconnect();
      }),
      s.on('serviceSessionStarted', ({ session }) => this.#update({ session, chat: [] })),
      s.on('chatMessage', ({ message }) => this.#addChat(message)),
      s.on('surveyInvited', ({ token }) => this.#update({ surveyToken: token })),
      s.on('serviceSessionEnded', () => {
        if (this.#snapshot.role !== 'customer') {
          this.#update({ session: null, chat: [] });
          return;
        }
        this.#rejoinToken = undefined;
        this.#teardownMedia();
        this.#update({ phase: 'ended', session: null });
        this.#signalling.disconnect();
      }),
      s.on('advisorCalled', ({ at }) => this.#update({ advisorCalledAt: at })),
      s.on('peerConnectionLost', ({ peerId }) => {
        this.#lostPeers.add(peerId);
        this.#publishParticipants();
      }),
      s.on('peerConnectionRestored', ({ peerId }) => {
        this.#lostPeers.delete(peerId);
        this.#publishParticipants();
      }),
      s.on('consumerClosed', ({ consumerId }) => {
        const media = this.#consumers.get(consumerId);
        media?.consumer.close();
        this.#consumers.delete(consumerId);
        this.#publishParticipants();
      }),
    );
    s.socket.on('disconnect', (reason) => {
      const phase = this.#snapshot.phase;
      if (phase !== 'inCall' && phase !== 'lobby') return;
      this.#teardownMedia();
      this.#update({ phase: 'reconnecting' });
      // The server closed us on purpose (e.g. its media restarted): socket.io will not retry by itself.
      if (reason === 'io server disconnect') s.socket.connect();
    });
    s.socket.on('connect', () => {
      if (this.#snapshot.phase !== 'reconnecting') return;
      this.#enterRoom().catch((err: unknown) => {
        this.#teardownMedia();
        // Our place is gone (the grace period passed): the call has ended for us.
        if (err instanceof KanavaError && err.code === 'notInRoom') {
          this.#rejoinToken = undefined;
          this.#update({ phase: this.#snapshot.role === 'customer' ? 'ended' : 'left' });
          this.#signalling.disconnect();
          return;
        }
        s.socket.disconnect().connect();
      });
    });
  }

  #addChat(message: ChatMessage): void {
    if (this.#snapshot.session && message.sessionId !== this.#snapshot.session.sessionId) return;
    if (this.#snapshot.chat.some((m) => m.messageId === message.messageId)) return;
    const chat = [...this.#snapshot.chat, message].sort((a, b) => a.seq - b.seq);
    this.#update({ chat });
  }

  #fail(error: ErrorCode): void {
    this.#teardownMedia();
    this.#signalling.disconnect();
    this.#update({ phase: 'failed', error });
  }

  #setRemotePaused(producerId: ProducerId, paused: boolean): void {
    const p = this.#remoteProducers.get(producerId);
    if (!p) return;
    this.#remoteProducers.set(producerId, { ...p, paused });
    this.#publishParticipants();
  }

  #dropRemoteProducer(producerId: ProducerId): void {
    this.#remoteProducers.delete(producerId);
    for (const [id, media] of this.#consumers) {
      if (media.producerId !== producerId) continue;
      media.consumer.close();
      this.#consumers.delete(id);
    }
  }

  #enqueue(step: () => Promise<void>): void {
    this.#queue = this.#queue.then(step).catch(() => undefined);
  }

  #teardownMedia(): void {
    for (const { consumer } of this.#consumers.values()) consumer.close();
    this.#consumers.clear();
    for (const producer of this.#producers.values()) producer.close();
    this.#producers.clear();
    this.#send?.close();
    this.#recv?.close();
    this.#send = undefined;
    this.#recv = undefined;
    this.#peers.clear();
    this.#remoteProducers.clear();
    this.#lostPeers.clear();
    this.#publishParticipants();
  }

  #publishParticipants(): void {
    const participants: RemoteParticipant[] = [...this.#peers.values()].map((peer) => {
      const mine = [...this.#remoteProducers.values()].filter((p) => p.peerId === peer.peerId);
      const trackOf = (source: MediaSource) => {
        const producer = mine.find((p) => p.source === source);
        if (!producer) return { track: undefined, paused: true };
        const media = [...this.#consumers.values()].find((m) => m.producerId === producer.producerId);
        return { track: media?.consumer.track, paused: producer.paused };
      };
      const video = trackOf('camera');
      const audio = trackOf('microphone');
      return {
        peerId: peer.peerId,
        displayName: peer.displayName,
        role: peer.role,
        video: video.track,
        audio: audio.track,
        videoPaused: video.paused,
        audioPaused: audio.paused,
        content: contentOf(mine, (producerId) => [...this.#consumers.values()].find((m) => m.producerId === producerId)?.consumer.track),
        connectionLost: this.#lostPeers.has(peer.peerId),
      };
    });
    this.#update({ participants });
  }

  #update(patch: Partial<CallSnapshot>): void {
    this.#snapshot = { ...this.#snapshot, ...patch };
    for (const listener of this.#listeners) listener();
  }
}

/** The participant's document camera or screen, if they send one (the screen first: it is what is being looked at). */
function contentOf(
  mine: ProducerView[],
  trackOf: (producerId: ProducerId) => MediaStreamTrack | undefined,
): RemoteParticipant['content'] {
  const producer = mine.find((p) => p.source === 'screen') ?? mine.find((p) => p.source === 'documentCamera');
  if (!producer || producer.paused || (producer.source !== 'screen' && producer.source !== 'documentCamera')) return undefined;
  return { source: producer.source, track: trackOf(producer.producerId) };
}
