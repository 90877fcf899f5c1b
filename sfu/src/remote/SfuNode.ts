import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { KanavaError, type RoomId, type WireError } from '@kanava/shared';
import type { SfuEvents, SfuService } from '../api.ts';
import {
  DELETE_IF_EQUAL,
  RequestEnvelopeSchema,
  parseMessage,
  placementValue,
  roomMethods,
  sfuKeys,
  sfuMethods,
  type EventEnvelope,
  type Heartbeat,
  type NodeLoad,
  type ReplyEnvelope,
  type RequestEnvelope,
  type SfuMethod,
} from './wire.ts';

export interface SfuNodeOptions {
  nodeId: string;
  /** How often the node writes its heartbeat (ms). */
  heartbeatMs: number;
  /** How long the heartbeat key lives (ms): a node silent this long is taken out and its rooms move. */
  heartbeatTtlMs: number;
  /**
   * A room whose server has been gone this long is closed here (ms). Longer than the participants'
   * reconnect grace: until then another server may take the room over (its openRoom makes it the owner).
   */
  orphanGraceMs: number;
}

type Dispatch = { [M in SfuMethod]: (params: never) => Promise<unknown> };

/**
 * Serves one machine's SfuService to the signalling servers over Redis: answers requests,
 * sends each room's events to the server that opened it, and keeps a heartbeat with its load.
 */
export class SfuNode {
  readonly nodeId: string;
  readonly bootId = randomUUID();
  readonly #sfu: SfuService;
  readonly #redis: Redis;
  readonly #subscriber: Redis;
  readonly #log: Logger;
  readonly #options: SfuNodeOptions;
  /** Which server gets a room's events: the one that opened it last. */
  readonly #owners = new Map<RoomId, string>();
  /** Rooms whose server's heartbeat is missing, since when. */
  readonly #orphanedSince = new Map<RoomId, number>();
  readonly #dispatch: Dispatch;
  #heartbeat: NodeJS.Timeout | undefined;
  #lastCpu: { at: number; seconds: number } | undefined;
  #closed = false;

  /** `redis` and `subscriber` are two connections: a subscribed connection cannot send commands. */
  constructor(deps: { sfu: SfuService; redis: Redis; subscriber: Redis; log: Logger }, options: SfuNodeOptions) {
    this.nodeId = options.nodeId;
    this.#sfu = deps.sfu;
    this.#redis = deps.redis;
    this.#subscriber = deps.subscriber;
    this.#log = deps.log.child({ component: 'sfuNode', nodeId: options.nodeId });
    this.#options = options;
    const sfu = this.#sfu;
    this.#dispatch = {
      openRoom: (p) => sfu.openRoom((p as { roomId: RoomId }).roomId),
      closeRoom: (p) => sfu.closeRoom((p as { roomId: RoomId }).roomId),
      createTransport: (p) => sfu.createTransport(p),
      connectTransport: (p) => sfu.connectTransport(p),
      restartIce: (p) => sfu.restartIce(p),
      produce: (p) => sfu.produce(p),
      setProducerPaused: (p) => sfu.setProducerPaused(p),
      closeProducer: (p) => sfu.closeProducer(p),
      consume: (p) => sfu.consume(p),
      resumeConsumer: (p) => sfu.resumeConsumer(p),
      closePeer: (p) => sfu.closePeer(p),
      openProbe: (p) => sfu.openProbe(p),
      connectProbe: (p) => sfu.connectProbe(p),
      probeUpload: (p) => sfu.probeUpload(p),
      measureProbeUpload: (p) => sfu.measureProbeUpload(p),
      probeDownload: (p) => sfu.probeDownload(p),
      runProbeDownload: (p) => sfu.runProbeDownload(p),
      closeProbe: (p) => sfu.closeProbe(p),
    };
  }

  async start(): Promise<void> {
    for (const event of ['producerClosed', 'consumerClosed', 'roomMediaLost', 'qualitySampled'] as const) {
      this.#sfu.on(event, (payload) => this.#forward(event, payload));
    }
    this.#subscriber.on('message', (channel: string, message: string) => {
      if (channel === sfuKeys.requests(this.nodeId)) void this.#serve(message);
    });
    await this.#subscriber.subscribe(sfuKeys.requests(this.nodeId));
    await this.#beat();
    this.#heartbeat = setInterval(() => {
      this.#beat().catch((err: unknown) => this.#log.warn({ err }, 'heartbeat not written'));
      this.#closeOrphans().catch((err: unknown) => this.#log.warn({ err }, 'looking for orphaned rooms failed'));
    }, this.#options.heartbeatMs);
    this.#log.info({ bootId: this.bootId }, 'SFU node serving');
  }

  /** Takes the node out at once (its heartbeat goes), so the servers move its rooms without waiting for the TTL. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    clearInterval(this.#heartbeat);
    await this.#subscriber.unsubscribe().catch(() => undefined);
    await this.#redis.del(sfuKeys.node(this.nodeId)).catch(() => undefined);
  }

  async #beat(): Promise<void> {
    const stats = await this.#sfu.stats();
    const now = Date.now();
    const last = this.#lastCpu;
    this.#lastCpu = { at: now, seconds: stats.workerCpuSeconds };
    const cpuPercent =
      last && now > last.at && stats.workers > 0
        ? Math.max(0, ((stats.workerCpuSeconds - last.seconds) / ((now - last.at) / 1000) / stats.workers) * 100)
        : 0;
    const load: NodeLoad = { ...stats, cpuPercent: Math.round(cpuPercent * 10) / 10 };
    const heartbeat: Heartbeat = { nodeId: this.nodeId, bootId: this.bootId, at: now, load };
    if (this.#closed) return;
    await this.#redis
      .multi()
      .set(sfuKeys.node(this.nodeId), JSON.stringify(heartbeat), 'PX', this.#options.heartbeatTtlMs)
      .sadd(sfuKeys.nodes, this.nodeId)
      .exec();
  }

  /** Closes the rooms whose server has been gone for the grace period; nobody else would. */
  async #closeOrphans(): Promise<void> {
    const rooms = [...this.#owners];
    if (rooms.length === 0) return;
    const alive = await this.#redis.mget(rooms.map(([, owner]) => sfuKeys.server(owner)));
    const now = Date.now();
    for (const [i, [roomId, owner]] of rooms.entries()) {
      if (this.#owners.get(roomId) !== owner) continue; // taken over meanwhile
      if (alive[i] !== null) {
        this.#orphanedSince.delete(roomId);
        continue;
      }
      const since = this.#orphanedSince.get(roomId) ?? now;
      this.#orphanedSince.set(roomId, since);
      if (now - since < this.#options.orphanGraceMs) continue;
      this.#owners.delete(roomId);
      this.#orphanedSince.delete(roomId);
      this.#log.warn({ roomId, serverId: owner }, 'closing a room whose server is gone');
      await this.#sfu.closeRoom(roomId);
      // Its placement goes too (unless a server placed the room anew meanwhile), so Redis does not keep it forever.
      await this.#redis.eval(DELETE_IF_EQUAL, 1, sfuKeys.room(roomId), placementValue({ nodeId: this.nodeId, bootId: this.bootId }));
    }
  }

  async #serve(message: string): Promise<void> {
    const request = parseMessage(RequestEnvelopeSchema, message);
    if (!request) {
      this.#log.warn('malformed SFU request dropped');
      return;
    }
    let reply: ReplyEnvelope;
    try {
      reply = { id: request.id, ok: true, result: (await this.#handle(request)) ?? null };
    } catch (err) {
      reply = { id: request.id, ok: false, error: wireErrorOf(err) };
      if (!(err instanceof KanavaError)) this.#log.error({ err, method: request.method }, 'SFU request failed');
    }
    await this.#redis.publish(sfuKeys.replies(request.from), JSON.stringify(reply));
  }

  async #handle(request: RequestEnvelope): Promise<unknown> {
    const params = sfuMethods[request.method].params.safeParse(request.params);
    if (!params.success) {
      const fields = params.error.issues.map((i) => i.path.join('.') || '(root)').join(', ');
      throw new KanavaError('badRequest', `${request.method}: bad parameters (${fields})`);
    }
    const data = params.data as { roomId?: RoomId };
    if (roomMethods.has(request.method) && data.roomId !== undefined) {
      if (request.method === 'openRoom') {
        this.#owners.set(data.roomId, request.from);
        this.#orphanedSince.delete(data.roomId);
      }
    }
    const result = await this.#dispatch[request.method](params.data as never);
    if (request.method === 'closeRoom' && data.roomId !== undefined) {
      this.#owners.delete(data.roomId);
      this.#orphanedSince.delete(data.roomId);
    }
    return result;
  }

  #forward<K extends keyof SfuEvents>(event: K, payload: SfuEvents[K]): void {
    const owner = this.#owners.get(payload.roomId);
    if (!owner) return;
    if (event === 'roomMediaLost') this.#owners.delete(payload.roomId);
    const envelope = { event, payload } as EventEnvelope;
    this.#redis.publish(sfuKeys.events(owner), JSON.stringify(envelope)).catch((err: unknown) => {
      this.#log.warn({ err, event, roomId: payload.roomId }, 'SFU event not delivered');
    });
  }
}

function wireErrorOf(err: unknown): WireError {
  if (err instanceof KanavaError) return err.toWire();
  return { code: 'internal', message: 'the SFU node could not do that' };
}
