import type { types } from 'mediasoup';
import type { Logger } from 'pino';
import {
  ConsumerIdSchema,
  MediaSourceSchema,
  PeerIdSchema,
  ProducerIdSchema,
  type PeerId,
  type RoomId,
} from '@kanava/shared';
import type { SfuConsumerQuality, SfuPeerQuality, SfuProducerQuality, SfuQualityEvents } from './qualityApi.ts';

type Emit = (payload: SfuQualityEvents['qualitySampled']) => void;

interface Watched {
  peerId: PeerId;
  transport: types.WebRtcTransport | types.PlainTransport;
  producers: Set<types.Producer>;
  consumers: Set<types.Consumer>;
}

/** Call media uses WebRTC transports (probes have their own routers); the load benchmark feeds plain ones. */
function isMeasured(t: types.Transport): t is types.WebRtcTransport | types.PlainTransport {
  return t.type === 'webrtc' || t.type === 'plain';
}

const kbps = (bitsPerSecond: number | undefined): number => Math.round((bitsPerSecond ?? 0) / 1000);

/**
 * Watches every transport, producer and consumer of one room's router (found through
 * mediasoup's observer, so MediaRoom needs no changes) and emits what it measured once
 * per period. Stops by itself when the router closes.
 */
export class RoomQualityMonitor {
  readonly #roomId: RoomId;
  readonly #emit: Emit;
  readonly #log: Logger;
  readonly #watched = new Map<string, Watched>();
  readonly #timer: NodeJS.Timeout;
  #sampling = false;
  #closed = false;

  constructor(router: types.Router, roomId: RoomId, periodMs: number, log: Logger, emit: Emit) {
    this.#roomId = roomId;
    this.#emit = emit;
    this.#log = log;
    router.observer.on('newtransport', (transport) => this.#watch(transport));
    router.observer.once('close', () => this.close());
    this.#timer = setInterval(() => void this.#sample(), periodMs);
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    clearInterval(this.#timer);
    this.#watched.clear();
  }

  #watch(transport: types.Transport): void {
    if (!isMeasured(transport)) return;
    const peer = PeerIdSchema.safeParse(transport.appData['peerId']);
    if (!peer.success) return;
    const entry: Watched = { peerId: peer.data, transport, producers: new Set(), consumers: new Set() };
    this.#watched.set(transport.id, entry);
    // The events every transport has (the union of both observers' types is not callable as such).
    const observer = transport.observer as types.TransportObserver;
    observer.on('newproducer', (p) => {
      entry.producers.add(p);
      p.observer.once('close', () => entry.producers.delete(p));
    });
    observer.on('newconsumer', (c) => {
      entry.consumers.add(c);
      c.observer.once('close', () => entry.consumers.delete(c));
    });
    observer.once('close', () => this.#watched.delete(transport.id));
  }

  async #sample(): Promise<void> {
    // A slow worker must not pile up stats requests: skip a period instead.
    if (this.#sampling || this.#closed) return;
    this.#sampling = true;
    try {
      const byPeer = new Map<PeerId, SfuPeerQuality>();
      await Promise.all(
        [...this.#watched.values()].map(async (w) => {
          const peer = byPeer.get(w.peerId) ?? { peerId: w.peerId, send: null, recv: null, rttMs: null };
          byPeer.set(w.peerId, peer);
          await this.#sampleTransport(w, peer);
        }),
      );
      if (!this.#closed && byPeer.size > 0) this.#emit({ roomId: this.#roomId, at: Date.now(), peers: [...byPeer.values()] });
    } catch (err) {
      // Objects close between listing and asking; the next period sees the new state.
      this.#log.debug({ err, roomId: this.#roomId }, 'quality sample skipped');
    } finally {
      this.#sampling = false;
    }
  }

  async #sampleTransport(w: Watched, peer: SfuPeerQuality): Promise<void> {
    if (w.transport.closed) return;
    const [stats] = await w.transport.getStats();
    if (!stats) return;
    if (w.transport.appData['direction'] === 'send') {
      const producers = await Promise.all([...w.producers].filter((p) => !p.closed).map(producerQuality));
      const lossPct = stats.rtpPacketLossReceived;
      peer.send = { recvKbps: kbps(stats.recvBitrate), lossPct: lossPct === undefined ? null : Math.round(lossPct * 100), producers };
    } else {
      const consumers = await Promise.all([...w.consumers].filter((c) => !c.closed).map(consumerQuality));
      const rtts = consumers.map((c) => c.rttMs).filter((r): r is number => r !== null);
      peer.rttMs = rtts.length > 0 ? Math.min(...rtts) : peer.rttMs;
      peer.recv = {
        sendKbps: kbps(stats.sendBitrate),
        availableOutgoingKbps: stats.availableOutgoingBitrate === undefined ? null : kbps(stats.availableOutgoingBitrate),
        consumers: consumers.map(({ rttMs: _rtt, ...c }) => c),
      };
    }
  }
}

async function producerQuality(p: types.Producer): Promise<SfuProducerQuality> {
  const stats = await p.getStats();
  const streams = stats.map((s) => ({ rid: s.rid ?? null, kbps: kbps(s.bitrate), score: s.score }));
  const arriving = streams.filter((s) => s.kbps > 0);
  return {
    producerId: ProducerIdSchema.parse(p.id),
    kind: p.kind,
    source: MediaSourceSchema.catch(p.kind === 'audio' ? 'microphone' : 'camera').parse(p.appData['source']),
    paused: p.paused,
    score: arriving.length > 0 ? Math.min(...arriving.map((s) => s.score)) : null,
    streams,
  };
}

async function consumerQuality(c: types.Consumer): Promise<SfuConsumerQuality & { rttMs: number | null }> {
  const stats = await c.getStats();
  const out = stats.find((s) => s.type === 'outbound-rtp');
  const rtt = out?.roundTripTime;
  return {
    consumerId: ConsumerIdSchema.parse(c.id),
    producerId: ProducerIdSchema.parse(c.producerId),
    kind: c.kind,
    score: c.score.score,
    producerScore: c.score.producerScore,
    spatialLayer: c.currentLayers?.spatialLayer ?? null,
    temporalLayer: c.currentLayers?.temporalLayer ?? null,
    kbps: kbps(out?.bitrate),
    rttMs: rtt !== undefined && rtt > 0 ? Math.round(rtt) : null,
  };
}
