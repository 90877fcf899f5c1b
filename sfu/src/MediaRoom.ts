import { randomUUID } from 'node:crypto';
import { errors, type types } from 'mediasoup';
import type { Logger } from 'pino';
import {
  ConsumerIdSchema,
  IceCandidateSchema,
  KanavaError,
  MediaSourceSchema,
  ProducerIdSchema,
  RtpCapabilitiesSchema,
  RtpParametersSchema,
  TransportIdSchema,
  type ConsumerId,
  type DtlsParameters,
  type IceParameters,
  type MediaKind,
  type MediaSource,
  type PeerId,
  type ProducerId,
  type RoomId,
  type RtpCapabilities,
  type RtpParameters,
  type TransportDirection,
  type TransportId,
} from '@kanava/shared';
import type { SfuConfig } from './config.ts';
import type { MeasuredDownlink, SfuConsumerInfo, SfuEvents, SfuTransportInfo } from './api.ts';
import { consumerLayerPolicy, downlinkCapBps, startBitrateBps } from './quality/consumerLayers.ts';

interface Owned<T> {
  peerId: PeerId;
  item: T;
}

type Emit = <K extends keyof SfuEvents>(event: K, payload: SfuEvents[K]) => void;

/**
 * One live room's media: a mediasoup Router and everything created on it, each
 * transport, producer and consumer owned by the peer that asked for it. A peer
 * can only touch what it owns.
 */
export class MediaRoom {
  readonly roomId: RoomId;
  readonly router: types.Router;
  readonly #config: SfuConfig;
  readonly #log: Logger;
  readonly #emit: Emit;
  readonly #transports = new Map<TransportId, Owned<types.WebRtcTransport>>();
  readonly #producers = new Map<ProducerId, Owned<types.Producer>>();
  readonly #consumers = new Map<ConsumerId, Owned<types.Consumer>>();

  constructor(roomId: RoomId, router: types.Router, config: SfuConfig, log: Logger, emit: Emit) {
    this.roomId = roomId;
    this.router = router;
    this.#config = config;
    this.#log = log.child({ roomId });
    this.#emit = emit;
  }

  get rtpCapabilities(): RtpCapabilities {
    return RtpCapabilitiesSchema.parse(this.router.rtpCapabilities);
  }

  get counts(): { transports: number; producers: number; consumers: number } {
    return { transports: this.#transports.size, producers: this.#producers.size, consumers: this.#consumers.size };
  }

  async createTransport(peerId: PeerId, direction: TransportDirection, downlink?: MeasuredDownlink): Promise<SfuTransportInfo> {
    const { listenIp, announcedAddress, rtcMinPort, rtcMaxPort, enableTcp } = this.#config;
    const listen = (protocol: 'udp' | 'tcp'): types.TransportListenInfo => ({
      protocol,
      ip: listenIp,
      ...(announcedAddress ? { announcedAddress } : {}),
      portRange: { min: rtcMinPort, max: rtcMaxPort },
    });
    const transport = await this.router.createWebRtcTransport({
      listenInfos: enableTcp ? [listen('udp'), listen('tcp')] : [listen('udp')],
      preferUdp: true,
      initialAvailableOutgoingBitrate: startBitrateBps(downlink?.kbps, this.#config.initialAvailableOutgoingBitrate),
      appData: { peerId, direction },
    });
    const cap = direction === 'recv' ? downlinkCapBps(downlink) : undefined;
    if (cap !== undefined) await transport.setMaxOutgoingBitrate(cap);
    const id = TransportIdSchema.parse(transport.id);
    this.#transports.set(id, { peerId, item: transport });
    transport.observer.once('close', () => this.#transports.delete(id));
    transport.on('dtlsstatechange', (state) => {
      if (state === 'failed' || state === 'closed') {
        this.#log.warn({ peerId, transportId: id, dtlsState: state }, 'transport DTLS ended');
      }
    });
    this.#log.debug({ peerId, transportId: id, direction }, 'transport created');
    return {
      id,
      iceParameters: transport.iceParameters,
      iceCandidates: transport.iceCandidates.map((c) => IceCandidateSchema.parse(c)),
      dtlsParameters: transport.dtlsParameters,
    };
  }

  async connectTransport(peerId: PeerId, transportId: TransportId, dtlsParameters: DtlsParameters): Promise<void> {
    await this.#ownTransport(peerId, transportId).connect({ dtlsParameters });
  }

  async restartIce(peerId: PeerId, transportId: TransportId): Promise<IceParameters> {
    return this.#ownTransport(peerId, transportId).restartIce();
  }

  async produce(
    peerId: PeerId,
    transportId: TransportId,
    kind: MediaKind,
    source: MediaSource,
    rtpParameters: RtpParameters,
    paused: boolean,
  ): Promise<ProducerId> {
    const transport = this.#ownTransport(peerId, transportId);
    if (transport.appData['direction'] !== 'send') {
      throw new KanavaError('invalidState', 'media can only be sent on a send transport');
    }
    const producer = await this.#wrapMediasoupError(() =>
      transport.produce({ kind, rtpParameters, paused, appData: { peerId, source } }),
    );
    const id = ProducerIdSchema.parse(producer.id);
    this.#producers.set(id, { peerId, item: producer });
    producer.on('transportclose', () => {
      this.#producers.delete(id);
      this.#emit('producerClosed', { roomId: this.roomId, peerId, producerId: id });
    });
    producer.observer.once('close', () => this.#producers.delete(id));
    this.#log.debug({ peerId, producerId: id, kind, source }, 'producer created');
    return id;
  }

  async setProducerPaused(peerId: PeerId, producerId: ProducerId, paused: boolean): Promise<void> {
    const producer = this.#own(this.#producers, peerId, producerId, 'producer');
    if (paused) await producer.pause();
    else await producer.resume();
  }

  closeProducer(peerId: PeerId, producerId: ProducerId): void {
    this.#own(this.#producers, peerId, producerId, 'producer').close();
    this.#producers.delete(producerId);
  }

  async consume(
    peerId: PeerId,
    transportId: TransportId,
    producerId: ProducerId,
    rtpCapabilities: RtpCapabilities,
  ): Promise<SfuConsumerInfo> {
    const transport = this.#ownTransport(peerId, transportId);
    if (transport.appData['direction'] !== 'recv') {
      throw new KanavaError('invalidState', 'media can only be received on a receive transport');
    }
    const producer = this.#producers.get(producerId);
    if (!producer) throw new KanavaError('notFound', 'no such producer in this room');
    if (producer.peerId === peerId) throw new KanavaError('invalidState', 'a peer does not consume its own media');
    if (!this.router.canConsume({ producerId, rtpCapabilities })) {
      throw new KanavaError('mediaUnavailable', 'this browser cannot decode that media');
    }
    const { preferredLayers, priority } = consumerLayerPolicy(MediaSourceSchema.parse(producer.item.appData['source']));
    const consumer = await this.#wrapMediasoupError(() =>
      transport.consume({ producerId, rtpCapabilities, paused: true, preferredLayers, appData: { peerId } }),
    );
    if (priority !== 1) await consumer.setPriority(priority);
    const id = ConsumerIdSchema.parse(consumer.id);
    this.#consumers.set(id, { peerId, item: consumer });
    const gone = (): void => {
      if (this.#consumers.delete(id)) this.#emit('consumerClosed', { roomId: this.roomId, peerId, consumerId: id });
    };
    consumer.on('producerclose', gone);
    consumer.on('transportclose', gone);
    return {
      consumerId: id,
      producerId,
      kind: consumer.kind,
      rtpParameters: RtpParametersSchema.parse(consumer.rtpParameters),
      producerPaused: consumer.producerPaused,
    };
  }

  async resumeConsumer(peerId: PeerId, consumerId: ConsumerId): Promise<void> {
    await this.#own(this.#consumers, peerId, consumerId, 'consumer').resume();
  }

  closePeer(peerId: PeerId): void {
    for (const [id, { peerId: owner, item }] of this.#transports) {
      if (owner !== peerId) continue;
      item.close();
      this.#transports.delete(id);
    }
  }

  close(): void {
    this.router.close();
    this.#transports.clear();
    this.#producers.clear();
    this.#consumers.clear();
  }

  #ownTransport(peerId: PeerId, transportId: TransportId): types.WebRtcTransport {
    return this.#own(this.#transports, peerId, transportId, 'transport');
  }

  #own<K, T>(map: Map<K, Owned<T>>, peerId: PeerId, id: K, what: string): T {
    const entry = map.get(id);
    if (!entry || entry.peerId !== peerId) throw new KanavaError('notFound', `no such ${what} of this participant`);
    return entry.item;
  }

  /** mediasoup rejects bad RTP parameters with TypeError or UnsupportedError; the peer gets a bad-request error. */
  async #wrapMediasoupError<T>(run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (err) {
      if (err instanceof TypeError || err instanceof errors.UnsupportedError) {
        throw new KanavaError('badRequest', `media parameters rejected: ${err.message}`);
      }
      throw err;
    }
  }
}
