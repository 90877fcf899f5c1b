import type {
  ConsumerId,
  DtlsParameters,
  IceCandidate,
  IceParameters,
  MediaKind,
  MediaSource,
  PeerId,
  ProducerId,
  RoomId,
  RtpCapabilities,
  RtpParameters,
  TransportDirection,
  TransportId,
} from '@kanava/shared';
import type { SfuProbes } from './quality/probeApi.ts';
import type { SfuQualityEvents } from './quality/qualityApi.ts';

export type * from './quality/probeApi.ts';
export type * from './quality/qualityApi.ts';

/**
 * The only way the signalling server reaches media. It never imports mediasoup:
 * the same interface is served in-process (single node) or by a remote SFU node.
 * Every call names the room, so a remote implementation can route it.
 */
export interface SfuService extends SfuProbes {
  /** Creates the room's media router if it does not exist yet; safe to call concurrently. */
  openRoom(roomId: RoomId): Promise<{ rtpCapabilities: RtpCapabilities }>;
  closeRoom(roomId: RoomId): Promise<void>;

  /**
   * `downlink` (receive transports): the participant's measured download (pre-call check).
   * The SFU's bandwidth estimate towards them starts there, so the best layer comes at once,
   * and it never sends them more than the link carried (unless the check hit its ceiling),
   * so its probing does not fill their downlink's queue.
   */
  createTransport(req: { roomId: RoomId; peerId: PeerId; direction: TransportDirection; downlink?: MeasuredDownlink }): Promise<SfuTransportInfo>;
  connectTransport(req: { roomId: RoomId; peerId: PeerId; transportId: TransportId; dtlsParameters: DtlsParameters }): Promise<void>;
  restartIce(req: { roomId: RoomId; peerId: PeerId; transportId: TransportId }): Promise<IceParameters>;

  produce(req: {
    roomId: RoomId;
    peerId: PeerId;
    transportId: TransportId;
    kind: MediaKind;
    source: MediaSource;
    rtpParameters: RtpParameters;
    paused: boolean;
  }): Promise<{ producerId: ProducerId }>;
  setProducerPaused(req: { roomId: RoomId; peerId: PeerId; producerId: ProducerId; paused: boolean }): Promise<void>;
  closeProducer(req: { roomId: RoomId; peerId: PeerId; producerId: ProducerId }): Promise<void>;

  /** The consumer starts paused; call resumeConsumer once the client has set it up, so no key frame is lost. */
  consume(req: {
    roomId: RoomId;
    peerId: PeerId;
    transportId: TransportId;
    producerId: ProducerId;
    rtpCapabilities: RtpCapabilities;
  }): Promise<SfuConsumerInfo>;
  resumeConsumer(req: { roomId: RoomId; peerId: PeerId; consumerId: ConsumerId }): Promise<void>;

  /** Closes everything the peer owns in the room (transports, and with them producers and consumers). */
  closePeer(req: { roomId: RoomId; peerId: PeerId }): Promise<void>;

  stats(): Promise<SfuStats>;
  /** True while at least one worker is alive and answering. */
  healthy(): boolean;
  on<K extends keyof SfuEvents>(event: K, listener: (payload: SfuEvents[K]) => void): void;
  off<K extends keyof SfuEvents>(event: K, listener: (payload: SfuEvents[K]) => void): void;
  close(): Promise<void>;
}

export interface MeasuredDownlink {
  kbps: number;
  /** The check could not push more: the link carries at least `kbps`. */
  atCeiling: boolean;
}

export interface SfuTransportInfo {
  id: TransportId;
  iceParameters: IceParameters;
  iceCandidates: IceCandidate[];
  dtlsParameters: DtlsParameters;
}

export interface SfuConsumerInfo {
  consumerId: ConsumerId;
  producerId: ProducerId;
  kind: MediaKind;
  rtpParameters: RtpParameters;
  producerPaused: boolean;
}

export interface SfuStats {
  workers: number;
  rooms: number;
  transports: number;
  producers: number;
  consumers: number;
  /** CPU time (user + system) the live workers have used, in seconds. */
  workerCpuSeconds: number;
}

export interface SfuEvents extends SfuQualityEvents {
  /** A producer went away without being asked (its transport closed). */
  producerClosed: { roomId: RoomId; peerId: PeerId; producerId: ProducerId };
  /** A consumer went away because its producer or transport closed. */
  consumerClosed: { roomId: RoomId; peerId: PeerId; consumerId: ConsumerId };
  /** The room's media was lost (its worker died); peers must set up their transports again. */
  roomMediaLost: { roomId: RoomId };
}
