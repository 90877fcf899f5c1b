import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { KanavaError, type PeerId, type PrecheckId, type ProducerId, type RoomId } from '@kanava/shared';
import type { SfuEvents, SfuService, SfuStats } from '../api.ts';
import { TypedEmitter } from '../TypedEmitter.ts';
import { leastLoadedNode } from './placement.ts';
import {
  EventEnvelopeSchema,
  HeartbeatSchema,
  PlacementSchema,
  ReplyEnvelopeSchema,
  parseMessage,
  placementValue,
  DELETE_IF_EQUAL,
  sfuKeys,
  sfuMethods,
  type Heartbeat,
  type ParamsOf,
  type Placement,
  type ResultOf,
  type SfuMethod,
} from './wire.ts';

export interface RemoteSfuOptions {
  /** This server's id in channel names; a fresh one per process when left out. */
  serverId?: string;
  /** A request unanswered this long fails (ms). */
  requestTimeoutMs: number;
  /** How often the live nodes are read (ms): placement uses the last reading, and lost nodes are noticed. */
  pollMs: number;
}

interface Pending {
  method: SfuMethod;
  resolve: (value: unknown) => void;
  reject: (err: Error) => void;
  timer: NodeJS.Timeout;
}

/** A room this server asked about or heard of this recently is in use here. */
const ACTIVE_MS = 5000;

/**
 * SfuService served by SFU nodes (sfu/src/node/main.ts) over Redis. A room goes to the
 * least-loaded live node and stays there while it lives; a node whose heartbeat expires is
 * taken out, and each room it carried is reported as `roomMediaLost`, so the participants set
 * up their media again (the same path as a dead worker) and the room is placed anew.
 */
export class RemoteSfuService implements SfuService {
  readonly serverId: string;
  readonly #redis: Redis;
  readonly #subscriber: Redis;
  readonly #log: Logger;
  readonly #options: RemoteSfuOptions;
  readonly #events = new TypedEmitter<SfuEvents>();
  readonly #pending = new Map<string, Pending>();
  /** Rooms this server has used, and where they are. */
  readonly #rooms = new Map<RoomId, Placement>();
  readonly #opening = new Map<RoomId, Promise<Placement>>();
  readonly #probes = new Map<PrecheckId, Placement>();
  /**
   * The producers made through this server, per room: when a node dies nobody else can say they
   * closed, and the rooms must stop offering them (as when a worker dies in process).
   */
  readonly #producers = new Map<RoomId, Map<ProducerId, PeerId>>();
  /** When this server last asked about a room or had an event of it: a room in use here is active. */
  readonly #touched = new Map<RoomId, number>();
  #live = new Map<string, Heartbeat>();
  #poller: NodeJS.Timeout | undefined;
  #polling = false;
  #closed = false;

  private constructor(deps: { redis: Redis; subscriber: Redis; log: Logger }, options: RemoteSfuOptions) {
    this.serverId = options.serverId ?? `server-${randomUUID()}`;
    this.#redis = deps.redis;
    this.#subscriber = deps.subscriber;
    this.#log = deps.log.child({ component: 'remoteSfu', serverId: this.serverId });
    this.#options = options;
  }

  /** `redis` and `subscriber` are two connections (a subscribed one cannot send commands); both are closed with the service. */
  static async connect(deps: { redis: Redis; subscriber: Redis; log: Logger }, options: RemoteSfuOptions): Promise<RemoteSfuService> {
    const sfu = new RemoteSfuService(deps, options);
    sfu.#subscriber.on('message', (channel: string, message: string) => sfu.#onMessage(channel, message));
    await sfu.#subscriber.subscribe(sfuKeys.replies(sfu.serverId), sfuKeys.events(sfu.serverId));
    await sfu.#poll();
    sfu.#poller = setInterval(() => void sfu.#poll(), options.pollMs);
    sfu.#log.info({ nodes: [...sfu.#live.keys()] }, 'remote SFU connected');
    return sfu;
  }

  /** The node a room is on, if it has been placed (for tests and operators). */
  async placementOf(roomId: RoomId): Promise<Placement | undefined> {
    const raw = await this.#redis.get(sfuKeys.room(roomId));
    const parsed = raw === null ? undefined : PlacementSchema.safeParse(raw);
    return parsed?.success ? parsed.data : undefined;
  }

  /** The live nodes as last read. */
  liveNodes(): Heartbeat[] {
    return [...this.#live.values()];
  }

  async openRoom(roomId: RoomId) {
    const pending = this.#opening.get(roomId);
    if (pending) await pending;
    const placing = this.#place(roomId);
    this.#opening.set(roomId, placing);
    let placement: Placement;
    try {
      placement = await placing;
    } finally {
      if (this.#opening.get(roomId) === placing) this.#opening.delete(roomId);
    }
    this.#touched.set(roomId, Date.now());
    return this.#call(placement, 'openRoom', { roomId });
  }

  async closeRoom(roomId: RoomId): Promise<void> {
    const known = this.#rooms.get(roomId);
    this.#forget(roomId);
    // Sent before anything is awaited: a join right after the release reopens the room after this
    // close, as in process (requests to a node go out, and start there, in order).
    const closing = known && this.#isLive(known) ? this.#call(known, 'closeRoom', { roomId }) : undefined;
    const placement = known ?? (await this.placementOf(roomId));
    if (!placement) return;
    await this.#redis.eval(DELETE_IF_EQUAL, 1, sfuKeys.room(roomId), placementValue(placement));
    if (closing) await closing;
    else if (this.#isLive(placement)) await this.#call(placement, 'closeRoom', { roomId });
  }

  createTransport: SfuService['createTransport'] = async (req) => this.#callRoom('createTransport', req);
  connectTransport: SfuService['connectTransport'] = async (req) => this.#callRoom('connectTransport', req);
  restartIce: SfuService['restartIce'] = async (req) => this.#callRoom('restartIce', req);
  produce: SfuService['produce'] = async (req) => {
    const result = await this.#callRoom('produce', req);
    const producers = this.#producers.get(req.roomId) ?? new Map<ProducerId, PeerId>();
    this.#producers.set(req.roomId, producers.set(result.producerId, req.peerId));
    return result;
  };
  setProducerPaused: SfuService['setProducerPaused'] = async (req) => this.#callRoom('setProducerPaused', req);
  closeProducer: SfuService['closeProducer'] = async (req) => {
    this.#producers.get(req.roomId)?.delete(req.producerId);
    await this.#callRoom('closeProducer', req);
  };
  consume: SfuService['consume'] = async (req) => this.#callRoom('consume', req);
  resumeConsumer: SfuService['resumeConsumer'] = async (req) => this.#callRoom('resumeConsumer', req);

  closePeer: SfuService['closePeer'] = async (req) => {
    // A room whose node is gone has nothing left to close.
    const placement = await this.#roomPlacement(req.roomId);
    if (placement && this.#isLive(placement)) await this.#call(placement, 'closePeer', req);
  };

  openProbe: SfuService['openProbe'] = async (req) => {
    const placement = this.#leastLoaded();
    this.#probes.set(req.probeId, placement);
    try {
      return await this.#call(placement, 'openProbe', req);
    } catch (err) {
      this.#probes.delete(req.probeId);
      throw err;
    }
  };
  connectProbe: SfuService['connectProbe'] = async (req) => this.#callProbe('connectProbe', req);
  probeUpload: SfuService['probeUpload'] = async (req) => this.#callProbe('probeUpload', req);
  measureProbeUpload: SfuService['measureProbeUpload'] = async (req) => this.#callProbe('measureProbeUpload', req);
  probeDownload: SfuService['probeDownload'] = async (req) => this.#callProbe('probeDownload', req);
  runProbeDownload: SfuService['runProbeDownload'] = async (req) => this.#callProbe('runProbeDownload', req);
  closeProbe: SfuService['closeProbe'] = async (req) => {
    const placement = this.#probes.get(req.probeId);
    this.#probes.delete(req.probeId);
    if (placement && this.#isLive(placement)) await this.#call(placement, 'closeProbe', req);
  };

  /** The sum over the live nodes, as of their last heartbeats. */
  async stats(): Promise<SfuStats> {
    const total: SfuStats = { workers: 0, rooms: 0, transports: 0, producers: 0, consumers: 0, workerCpuSeconds: 0 };
    for (const { load } of this.#live.values()) {
      total.workers += load.workers;
      total.rooms += load.rooms;
      total.transports += load.transports;
      total.producers += load.producers;
      total.consumers += load.consumers;
      total.workerCpuSeconds += load.workerCpuSeconds;
    }
    return total;
  }

  healthy(): boolean {
    return [...this.#live.values()].some((h) => h.load.workers > 0);
  }

  on<K extends keyof SfuEvents>(event: K, listener: (payload: SfuEvents[K]) => void): void {
    this.#events.on(event, listener);
  }

  off<K extends keyof SfuEvents>(event: K, listener: (payload: SfuEvents[K]) => void): void {
    this.#events.off(event, listener);
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    clearInterval(this.#poller);
    for (const [id, p] of this.#pending) {
      clearTimeout(p.timer);
      p.reject(new KanavaError('mediaUnavailable', 'the SFU connection closed'));
      this.#pending.delete(id);
    }
    this.#subscriber.disconnect();
    await this.#redis.del(sfuKeys.server(this.serverId)).catch(() => undefined);
    this.#redis.disconnect();
  }

  /** Where the room is: this server's record, else the shared one (another server placed it). */
  async #roomPlacement(roomId: RoomId): Promise<Placement | undefined> {
    const known = this.#rooms.get(roomId);
    if (known) return known;
    const shared = await this.placementOf(roomId);
    if (shared && this.#isLive(shared)) this.#rooms.set(roomId, shared);
    return shared;
  }

  /** The room's node: the one it is on while that node lives, else the least-loaded live node, recorded once for all servers. */
  async #place(roomId: RoomId): Promise<Placement> {
    for (let attempt = 0; attempt < 5; attempt++) {
      const current = await this.placementOf(roomId);
      if (current && this.#isLive(current)) {
        this.#rooms.set(roomId, current);
        return current;
      }
      if (current) await this.#redis.eval(DELETE_IF_EQUAL, 1, sfuKeys.room(roomId), placementValue(current));
      const chosen = this.#leastLoaded();
      const written = await this.#redis.set(sfuKeys.room(roomId), placementValue(chosen), 'NX');
      if (written === 'OK') {
        this.#rooms.set(roomId, chosen);
        this.#log.info({ roomId, nodeId: chosen.nodeId }, 'room placed');
        return chosen;
      }
      // Another server placed it in between: read again.
    }
    throw new KanavaError('mediaUnavailable', 'the room could not be placed on an SFU node');
  }

  #leastLoaded(): Placement {
    const best = leastLoadedNode(this.#live.values());
    if (!best) throw new KanavaError('mediaUnavailable', 'no SFU node is running');
    return best;
  }

  #isLive(p: Placement): boolean {
    return this.#live.get(p.nodeId)?.bootId === p.bootId;
  }

  async #callRoom<M extends SfuMethod>(method: M, params: ParamsOf<M> & { roomId: RoomId }): Promise<ResultOf<M>> {
    this.#touched.set(params.roomId, Date.now());
    const placement = await this.#roomPlacement(params.roomId);
    if (!placement) throw new KanavaError('invalidState', 'the room has no media yet');
    return this.#call(placement, method, params);
  }

  async #callProbe<M extends SfuMethod>(method: M, params: ParamsOf<M> & { probeId: PrecheckId }): Promise<ResultOf<M>> {
    const placement = this.#probes.get(params.probeId);
    if (!placement) throw new KanavaError('notFound', 'no such check');
    return this.#call(placement, method, params);
  }

  #call<M extends SfuMethod>(placement: Placement, method: M, params: ParamsOf<M>): Promise<ResultOf<M>> {
    if (this.#closed) return Promise.reject(new KanavaError('mediaUnavailable', 'the SFU connection closed'));
    if (!this.#isLive(placement)) return Promise.reject(new KanavaError('mediaUnavailable', 'the SFU node of this media is gone'));
    const id = randomUUID();
    return new Promise<ResultOf<M>>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#pending.delete(id);
        this.#log.warn({ method, nodeId: placement.nodeId }, 'SFU node did not answer');
        reject(new KanavaError('mediaUnavailable', `the SFU node did not answer ${method}`));
      }, this.#options.requestTimeoutMs);
      this.#pending.set(id, { method, resolve: resolve as (v: unknown) => void, reject, timer });
      const envelope = { id, from: this.serverId, method, params };
      this.#redis.publish(sfuKeys.requests(placement.nodeId), JSON.stringify(envelope)).catch((err: unknown) => {
        clearTimeout(timer);
        this.#pending.delete(id);
        this.#log.error({ err, method }, 'SFU request not sent');
        reject(new KanavaError('mediaUnavailable', 'the SFU could not be reached'));
      });
    });
  }

  #onMessage(channel: string, message: string): void {
    if (channel === sfuKeys.replies(this.serverId)) this.#onReply(message);
    else if (channel === sfuKeys.events(this.serverId)) this.#onEvent(message);
  }

  #onReply(message: string): void {
    const reply = parseMessage(ReplyEnvelopeSchema, message);
    if (!reply) {
      this.#log.warn('malformed SFU reply dropped');
      return;
    }
    const pending = this.#pending.get(reply.id);
    if (!pending) return; // timed out already
    this.#pending.delete(reply.id);
    clearTimeout(pending.timer);
    if (!reply.ok) {
      pending.reject(new KanavaError(reply.error.code, reply.error.message));
      return;
    }
    const result = sfuMethods[pending.method].result.safeParse(reply.result);
    if (result.success) pending.resolve(result.data);
    else {
      this.#log.error({ method: pending.method, issues: result.error.issues }, 'malformed SFU result');
      pending.reject(new KanavaError('internal', `the SFU node answered ${pending.method} wrongly`));
    }
  }

  #onEvent(message: string): void {
    const envelope = parseMessage(EventEnvelopeSchema, message);
    if (!envelope) {
      this.#log.warn('malformed SFU event dropped');
      return;
    }
    this.#touched.set(envelope.payload.roomId, Date.now());
    switch (envelope.event) {
      case 'producerClosed':
        this.#producers.get(envelope.payload.roomId)?.delete(envelope.payload.producerId);
        this.#events.emit('producerClosed', envelope.payload);
        break;
      case 'consumerClosed':
        this.#events.emit('consumerClosed', envelope.payload);
        break;
      case 'roomMediaLost':
        this.#events.emit('roomMediaLost', envelope.payload);
        break;
      case 'qualitySampled':
        this.#events.emit('qualitySampled', envelope.payload);
        break;
    }
  }

  /** Reads the live nodes; the rooms of a node that is gone are reported lost and freed for placement elsewhere. */
  async #poll(): Promise<void> {
    if (this.#polling || this.#closed) return;
    this.#polling = true;
    try {
      await this.#redis.set(sfuKeys.server(this.serverId), '1', 'PX', Math.max(3 * this.#options.pollMs, 1000));
      const ids = await this.#redis.smembers(sfuKeys.nodes);
      const raws = ids.length > 0 ? await this.#redis.mget(ids.map((id) => sfuKeys.node(id))) : [];
      const live = new Map<string, Heartbeat>();
      const expired: string[] = [];
      raws.forEach((raw, i) => {
        const heartbeat = raw === null ? undefined : parseMessage(HeartbeatSchema, raw);
        if (heartbeat) live.set(heartbeat.nodeId, heartbeat);
        else if (ids[i] !== undefined) expired.push(ids[i]);
      });
      if (expired.length > 0) await this.#redis.srem(sfuKeys.nodes, ...expired);
      this.#live = live;
      await this.#dropLost();
      await this.#keepPlacements();
    } catch (err) {
      this.#log.warn({ err }, 'reading the SFU nodes failed');
    } finally {
      this.#polling = false;
    }
  }

  /**
   * The rooms in use here (asked about, or with events, in the last few seconds: their node sends
   * quality samples every second while anyone has media) get their placement written again if Redis
   * lost it (restarted without persistence), so another server finds the media where it is. A room
   * no longer in use here is forgotten once its placement is gone or changed (another server closed
   * or moved it).
   */
  async #keepPlacements(): Promise<void> {
    if (this.#rooms.size === 0) return;
    const now = Date.now();
    const rooms = [...this.#rooms];
    const active = rooms.filter(([roomId]) => now - (this.#touched.get(roomId) ?? 0) < ACTIVE_MS);
    const idle = rooms.filter(([roomId]) => now - (this.#touched.get(roomId) ?? 0) >= ACTIVE_MS);
    if (active.length > 0) {
      const pipeline = this.#redis.pipeline();
      for (const [roomId, placement] of active) pipeline.set(sfuKeys.room(roomId), placementValue(placement), 'NX');
      await pipeline.exec();
    }
    if (idle.length > 0) {
      const current = await this.#redis.mget(idle.map(([roomId]) => sfuKeys.room(roomId)));
      idle.forEach(([roomId, placement], i) => {
        if (current[i] !== placementValue(placement) && this.#rooms.get(roomId) === placement) this.#forget(roomId);
      });
    }
  }

  #forget(roomId: RoomId): void {
    this.#rooms.delete(roomId);
    this.#producers.delete(roomId);
    this.#touched.delete(roomId);
  }

  async #dropLost(): Promise<void> {
    for (const [roomId, placement] of this.#rooms) {
      if (this.#isLive(placement)) continue;
      this.#rooms.delete(roomId);
      this.#touched.delete(roomId);
      await this.#redis.eval(DELETE_IF_EQUAL, 1, sfuKeys.room(roomId), placementValue(placement));
      this.#log.warn({ roomId, nodeId: placement.nodeId }, 'SFU node lost; the room moves');
      // Its producers went with the node: the room stops offering them before the peers reconnect.
      const producers = this.#producers.get(roomId) ?? new Map<ProducerId, PeerId>();
      this.#producers.delete(roomId);
      for (const [producerId, peerId] of producers) this.#events.emit('producerClosed', { roomId, peerId, producerId });
      this.#events.emit('roomMediaLost', { roomId });
    }
    for (const [probeId, placement] of this.#probes) {
      if (!this.#isLive(placement)) this.#probes.delete(probeId);
    }
  }
}
