import { createAdapter } from '@socket.io/redis-adapter';
import { KanavaError, PointSlugSchema, isRequestName, type AckResult, type PointSlug, type PublicServicePoint, type RequestName, type RoomId, type RoomLiveState, type StaffUser } from '@kanava/shared';
import type { ServicePointRepository } from '../db/ServicePointRepository.ts';
import type { Logger } from '../logger.ts';
import type { PointRoom } from '../rooms/PointRoom.ts';
import { RoomRegistry, type SharedRooms } from '../rooms/RoomRegistry.ts';
import { channels } from '../signalling/channels.ts';
import type { HandlerContext, HandlerSocket, KanavaServer } from '../signalling/context.ts';
import { NodeBus, unavailable, type ForwardedRequest } from './NodeBus.ts';
import type { ClusterRedis } from './redis.ts';
import { RemoteSocket } from './RemoteSocket.ts';
import { RoomLeases } from './RoomLeases.ts';
import { restoreInto, RoomSnapshotSchema, snapshotOf } from './roomSnapshot.ts';

/** What the signalling layer lends the cluster: its registry and how it runs a request for a socket. */
export interface SignallingInternals {
  io: KanavaServer;
  rooms: RoomRegistry;
  contextFor(socket: HandlerSocket, staff: StaffUser | undefined): HandlerContext;
  dispatch(ctx: HandlerContext, name: RequestName, payload: unknown): Promise<AckResult<unknown>>;
  connectionDropped(ctx: HandlerContext): Promise<void>;
}

export interface ClusterNodeOptions {
  redis: ClusterRedis;
  nodeId: string;
  /** How long a room's lease lasts unrenewed; renewed three times within it. */
  leaseMs: number;
  points: Pick<ServicePointRepository, 'findBySlug'>;
  log: Logger;
  /** How long a forwarded request may take (a request waits for the owner's answer). */
  requestTimeoutMs?: number;
}

/** A socket of another node whose room this node owns: its requests run here, one at a time. */
interface RemoteEntry {
  from: string;
  socket: RemoteSocket;
  ctx: HandlerContext;
  queue: Promise<unknown>;
}

/** Which room a local socket's requests go to, and which node owned it when they last did. */
interface Binding {
  roomId: RoomId;
  owner: string;
}

/** The point a request names (join, resume, capabilities, pre-call check): its room is where it runs; other requests go to the socket's room. */
function namesPoint(payload: unknown): PointSlug | undefined {
  const slug = PointSlugSchema.safeParse((payload as { pointSlug?: unknown } | undefined)?.pointSlug);
  return slug.success ? slug.data : undefined;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * One server node among several sharing rooms through Redis. Each live room has one owner
 * (a lease in Redis): its `PointRoom` and media live there. A socket connected to another
 * node has its room requests forwarded to the owner, which runs them with a `RemoteSocket`
 * and writes the room's state through to Redis after each; when the owner dies its lease
 * runs out, and the node a participant resumes through takes the room over from that state.
 */
export class ClusterNode {
  readonly nodeId: string;
  readonly #o: ClusterNodeOptions;
  readonly #leases: RoomLeases;
  readonly #bus: NodeBus;
  /** Leases this node holds (taken at, for a lease whose room never opened). */
  readonly #held = new Map<RoomId, number>();
  readonly #bindings = new Map<string, Binding>();
  readonly #remote = new Map<string, RemoteEntry>();
  readonly #writes = new Map<RoomId, Promise<void>>();
  /** The state last written per room; forgotten when Redis reconnects (a restarted Redis is empty). */
  readonly #written = new Map<RoomId, string>();
  readonly #onRedisReady = () => this.#written.clear();
  /** Nodes that did not answer a ping, since when. */
  readonly #missingSince = new Map<string, number>();
  readonly #log: Logger;
  #sig: SignallingInternals | undefined;
  #timer: ReturnType<typeof setInterval> | undefined;
  #ticking = false;

  constructor(options: ClusterNodeOptions) {
    this.#o = options;
    this.nodeId = options.nodeId;
    this.#log = options.log.child({ component: 'cluster', nodeId: options.nodeId });
    this.#leases = new RoomLeases(options.redis.cmd, options.nodeId, options.leaseMs);
    this.#bus = new NodeBus(options.redis, options.nodeId, this.#log, options.requestTimeoutMs ?? 8000);
  }

  /** socket.io's Redis adapter: broadcasts to channels reach sockets on every node. */
  adapter() {
    return createAdapter(this.#o.redis.pub, this.#o.redis.sub, { key: 'kanava:io' });
  }

  ready(): boolean {
    return this.#o.redis.ready();
  }

  /** What the room registry asks: rooms other nodes left behind, and their directory view. */
  readonly sharedRooms: SharedRooms = {
    restorable: async (roomId) => (await this.#leases.readState(roomId)) !== null,
    restore: async (room) => this.#restore(room),
    released: async (roomId) => {
      await this.#queueWrite(roomId, async () => {
        await this.#leases.writeState(roomId, '');
        await this.#leases.release(roomId);
      });
      this.#held.delete(roomId);
      this.#written.delete(roomId);
    },
    liveStates: async (points) => this.#liveStates(points),
  };

  async start(sig: SignallingInternals): Promise<void> {
    this.#sig = sig;
    await this.#bus.start({
      request: (req) => this.#runForwarded(req),
      dropped: (_from, socketId) => this.#remoteGone(socketId),
    });
    this.#o.redis.cmd.on('ready', this.#onRedisReady);
    this.#timer = setInterval(() => void this.#tick(), Math.max(200, Math.floor(this.#o.leaseMs / 3)));
    this.#timer.unref();
    this.#log.info({ leaseMs: this.#o.leaseMs }, 'cluster node started');
  }

  /**
   * Stops taking part: leases are given up so another node takes the rooms at once; the
   * rooms' state stays in Redis, so their participants resume there.
   */
  async stop(): Promise<void> {
    if (this.#timer) clearInterval(this.#timer);
    this.#o.redis.cmd.off('ready', this.#onRedisReady);
    await this.#bus.stop();
    for (const roomId of this.#held.keys()) await this.#leases.release(roomId).catch(() => undefined);
    this.#held.clear();
  }

  /** A request of a socket connected here: run here if this node owns its room (or it has none), else at the owner. */
  async handle(ctx: HandlerContext, name: RequestName, payload: unknown): Promise<AckResult<unknown>> {
    const sig = this.#signalling();
    const bySlug = namesPoint(payload);
    let roomId: RoomId | undefined;
    let owner: string;
    try {
      const bound = this.#bindings.get(ctx.socket.id);
      roomId = bySlug ? await this.#roomOfPoint(bySlug) : bound?.roomId;
      if (!roomId) return await sig.dispatch(ctx, name, payload);
      // A bound socket's later requests go where its room is without asking Redis: a dead owner shows
      // as an `unavailable` answer, and the watchdog moves the socket on (#checkOwners).
      owner = !bySlug && bound && bound.owner !== this.nodeId ? bound.owner : await this.#ownerOf(roomId);
    } catch (err) {
      if (err instanceof KanavaError) return { ok: false, error: err.toWire() };
      this.#log.warn({ err, request: name }, 'room owner not found');
      return unavailable('the room cannot be reached now; try again');
    }
    const before = this.#bindings.get(ctx.socket.id);
    if (!bySlug && before && before.owner !== owner) {
      // The room moved (its owner died) under this connection: the participant carries on at the
      // new owner only by resuming, which the client does when its connection drops.
      this.#bindings.delete(ctx.socket.id);
      ctx.socket.disconnect(true);
      return unavailable('the room moved to another server node; reconnecting');
    }
    this.#bindings.set(ctx.socket.id, { roomId, owner });
    if (owner === this.nodeId) {
      const result = await sig.dispatch(ctx, name, payload);
      await this.#persist(roomId);
      return result;
    }
    return this.#bus.request(owner, { socketId: ctx.socket.id, staff: ctx.staff, name, payload });
  }

  /** A socket connected here went away: the owner of its room holds the participant's place. */
  async dropped(ctx: HandlerContext): Promise<void> {
    const binding = this.#bindings.get(ctx.socket.id);
    this.#bindings.delete(ctx.socket.id);
    if (binding && binding.owner !== this.nodeId) {
      await this.#bus.dropped(binding.owner, ctx.socket.id).catch((err: unknown) => this.#log.warn({ err }, 'telling the owner of a dropped socket failed'));
      return;
    }
    await this.#signalling().connectionDropped(ctx);
    if (binding) await this.#persist(binding.roomId);
  }

  #signalling(): SignallingInternals {
    if (!this.#sig) throw new Error('cluster node not started');
    return this.#sig;
  }

  async #roomOfPoint(slug: PointSlug): Promise<RoomId | undefined> {
    const point = await this.#o.points.findBySlug(slug);
    return point ? RoomRegistry.roomIdOf(point.id) : undefined;
  }

  /** The node that owns the room, this one if nobody did; a dead owner's lease is waited out (then taken). */
  async #ownerOf(roomId: RoomId): Promise<string> {
    // Held here: the lease is renewed by this node (and a lost one is noticed at the next renewal; writes are fenced).
    if (this.#held.has(roomId)) return this.nodeId;
    const deadline = Date.now() + this.#o.leaseMs + 2000;
    for (;;) {
      const owner = await this.#leases.ownerOrTake(roomId);
      if (owner === this.nodeId) {
        if (!this.#held.has(roomId)) this.#held.set(roomId, Date.now());
        return owner;
      }
      if (await this.#bus.alive(owner)) return owner;
      if (Date.now() > deadline) throw new KanavaError('unavailable', 'the server node holding this room is gone; try again');
      await sleep(200);
    }
  }

  async #runForwarded(req: ForwardedRequest): Promise<AckResult<unknown>> {
    const sig = this.#signalling();
    if (!isRequestName(req.name)) return { ok: false, error: new KanavaError('unknownRequest', 'unknown request').toWire() };
    const name = req.name;
    let entry = this.#remote.get(req.socketId);
    if (!entry) {
      const socket = new RemoteSocket(sig.io, req.socketId);
      entry = { from: req.from, socket, ctx: sig.contextFor(socket, req.staff), queue: Promise.resolve() };
      this.#remote.set(req.socketId, entry);
    }
    const ctx = entry.ctx;
    // Requests of one socket run one at a time here too.
    const run = entry.queue.then(async () => {
      const result = await sig.dispatch(ctx, name, req.payload);
      const state = ctx.session.state;
      if (state.kind === 'joined') await this.#persist(state.roomId);
      return result;
    });
    entry.queue = run.catch(() => undefined);
    return run;
  }

  #remoteGone(socketId: string): void {
    const entry = this.#remote.get(socketId);
    if (!entry) return;
    this.#remote.delete(socketId);
    const sig = this.#signalling();
    entry.queue = entry.queue.then(async () => {
      const state = entry.ctx.session.state;
      await sig.connectionDropped(entry.ctx);
      entry.socket.gone();
      if (state.kind === 'joined') await this.#persist(state.roomId);
    }).catch((err: unknown) => this.#log.error({ err, socketId }, 'cleanup after a remote disconnect failed'));
  }

  async #restore(room: PointRoom): Promise<void> {
    const json = await this.#leases.readState(room.roomId);
    if (json === null) return;
    if ((await this.#leases.owner(room.roomId)) !== this.nodeId) return;
    const parsed = RoomSnapshotSchema.safeParse(JSON.parse(json));
    if (!parsed.success) {
      this.#log.error({ roomId: room.roomId, issues: parsed.error.issues.slice(0, 3) }, 'room state in Redis unreadable; starting the room empty');
      return;
    }
    const sig = this.#signalling();
    const restored = restoreInto(room, parsed.data, new Date());
    // Everyone comes back as lost: whoever does not resume within the grace period is let go.
    for (const p of restored) {
      sig.rooms.startGrace(room, p.peerId, async () => {
        room.leave(p.peerId);
        await sig.rooms.releaseIfEmpty(room.roomId);
        await this.#persist(room.roomId);
      });
    }
    this.#log.info({ roomId: room.roomId, participants: restored.length, sessionId: parsed.data.session?.id }, 'room taken over from another node');
  }

  /** Writes the room's state through to Redis (in order per room); only while this node holds its lease. */
  #persist(roomId: RoomId): Promise<void> {
    return this.#queueWrite(roomId, async () => {
      const room = this.#signalling().rooms.get(roomId);
      if (!room) return;
      // Most requests (media, quality reports) change nothing the room's heir needs: nothing is sent then.
      const json = JSON.stringify(snapshotOf(room));
      if (this.#written.get(roomId) === json) return;
      const written = await this.#leases.writeState(roomId, json);
      if (written) this.#written.set(roomId, json);
      else this.#log.warn({ roomId }, 'room state not written: this node no longer holds the room');
    });
  }

  #queueWrite(roomId: RoomId, write: () => Promise<void>): Promise<void> {
    const next = (this.#writes.get(roomId) ?? Promise.resolve()).then(write).catch((err: unknown) => this.#log.warn({ err, roomId }, 'writing room state to Redis failed'));
    this.#writes.set(roomId, next);
    void next.then(() => {
      if (this.#writes.get(roomId) === next) this.#writes.delete(roomId);
    });
    return next;
  }

  async #liveStates(points: PublicServicePoint[]): Promise<Map<RoomId, RoomLiveState>> {
    const roomIds = points.map((p) => RoomRegistry.roomIdOf(p.id));
    const states = new Map<RoomId, RoomLiveState>();
    const texts = await this.#leases.readStates(roomIds).catch((err: unknown) => {
      this.#log.warn({ err }, 'reading rooms of other nodes failed');
      return [];
    });
    texts.forEach((text, i) => {
      const roomId = roomIds[i];
      if (!text || !roomId) return;
      const parsed = RoomSnapshotSchema.safeParse(JSON.parse(text));
      if (parsed.success) states.set(roomId, parsed.data.live);
    });
    return states;
  }

  /** Renews leases, writes the rooms' state, and notices owners and socket nodes that are gone. */
  async #tick(): Promise<void> {
    if (this.#ticking || !this.#sig) return;
    this.#ticking = true;
    try {
      await this.#renew();
      for (const room of this.#sig.rooms.live()) if (this.#held.has(room.roomId)) await this.#persist(room.roomId);
      await this.#checkOwners();
      await this.#checkRemoteNodes();
    } catch (err) {
      this.#log.warn({ err }, 'cluster housekeeping failed (Redis away?)');
    } finally {
      this.#ticking = false;
    }
  }

  async #renew(): Promise<void> {
    const sig = this.#signalling();
    const now = Date.now();
    for (const [roomId, takenAt] of this.#held) {
      // A lease taken for a room that never opened here (a refused join) is given back.
      if (!sig.rooms.get(roomId) && now - takenAt > 2 * this.#o.leaseMs) {
        this.#held.delete(roomId);
        await this.#leases.release(roomId);
      }
    }
    const lost = await this.#leases.renew([...this.#held.keys()]);
    for (const roomId of lost) await this.#lose(roomId);
  }

  /** Another node holds the room now (this one was cut off too long): its participants reconnect there. */
  async #lose(roomId: RoomId): Promise<void> {
    this.#held.delete(roomId);
    const sig = this.#signalling();
    const room = sig.rooms.get(roomId);
    this.#log.warn({ roomId }, 'room lease lost to another node');
    if (!room) return;
    for (const p of room.snapshot().participants) sig.io.in(channels.peer(p.peerId)).disconnectSockets(true);
    await sig.rooms.forget(roomId);
  }

  /** Sockets connected here whose room's owner changed or died are disconnected: their clients resume at the new owner. */
  async #checkOwners(): Promise<void> {
    const sig = this.#signalling();
    const byRoom = new Map<RoomId, { owner: string; sockets: string[] }>();
    for (const [socketId, b] of this.#bindings) {
      if (b.owner === this.nodeId) continue;
      const group = byRoom.get(b.roomId) ?? { owner: b.owner, sockets: [] };
      group.sockets.push(socketId);
      byRoom.set(b.roomId, group);
    }
    for (const [roomId, group] of byRoom) {
      // Pinged on every round, so a dead owner counts as gone about when its lease runs out.
      const gone = await this.#gone(group.owner);
      const owner = await this.#leases.owner(roomId);
      if (owner === group.owner) continue;
      // No owner for a moment (a restarted Redis) while the old one lives: it takes the lease again.
      if (owner === null && !gone) continue;
      this.#log.warn({ roomId, was: group.owner, now: owner }, 'room owner gone; its participants here reconnect');
      for (const socketId of group.sockets) {
        this.#bindings.delete(socketId);
        sig.io.sockets.sockets.get(socketId)?.disconnect(true);
      }
    }
  }

  /**
   * Whether a node has been unreachable for a whole lease period. One missed ping is not enough:
   * right after a Redis restart a live node may not have subscribed again yet.
   */
  async #gone(node: string): Promise<boolean> {
    if (await this.#bus.alive(node)) {
      this.#missingSince.delete(node);
      return false;
    }
    const since = this.#missingSince.get(node) ?? Date.now();
    this.#missingSince.set(node, since);
    return Date.now() - since >= this.#o.leaseMs;
  }

  /** Sockets of a node that died are dropped like any lost connection (their participants keep their place). */
  async #checkRemoteNodes(): Promise<void> {
    const nodes = new Set([...this.#remote.values()].map((e) => e.from));
    for (const node of nodes) {
      if (!(await this.#gone(node))) continue;
      this.#log.warn({ node }, 'server node gone; its sockets count as dropped');
      for (const [socketId, entry] of this.#remote) if (entry.from === node) this.#remoteGone(socketId);
    }
  }
}
