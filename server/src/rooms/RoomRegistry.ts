import { KanavaError, RoomIdSchema, type PeerId, type PointSlug, type PublicServicePoint, type RoomId, type RoomLiveState, type StaffUserId } from '@kanava/shared';
import type { SfuService } from '@kanava/sfu/api';
import type { ServicePointRepository } from '../db/ServicePointRepository.ts';
import type { Logger } from '../logger.ts';
import { liveStateOf, PointRoom, type RoomNotifier } from './PointRoom.ts';
import type { Participant } from './Participant.ts';
import type { ServiceSession } from './ServiceSession.ts';

export interface RoomRegistryOptions {
  /** Told when a service session ends (its record is closed). */
  onSessionEnded?: (room: PointRoom, session: ServiceSession) => void;
  /** Told when a served customer leaves their session (the survey invitation goes out). */
  onCustomerServed?: (room: PointRoom, customer: Participant, session: ServiceSession) => void;
  escalateAfterMs: number;
  /** A booked customer is shown only to their booking's expert this long first (0 or absent: to all at once). */
  bookedExpertFirstMs?: number;
  /** How long a participant whose connection dropped keeps their place (and admission). */
  reconnectGraceMs: number;
  /** Several server nodes (cluster/): where rooms held by other nodes are found and taken over. */
  shared?: SharedRooms;
}

/** What the registry asks of the cluster; absent on a single node. */
export interface SharedRooms {
  /** Whether another node left this room's state behind (its owner died): then it is carried on, not started empty. */
  restorable(roomId: RoomId): Promise<boolean>;
  /** Fills a just-opened room with the state another node left behind, if any. */
  restore(room: PointRoom): Promise<void>;
  /** The room is released here: its shared state goes too. */
  released(roomId: RoomId): Promise<void>;
  /** The directory's view of rooms held by other nodes. */
  liveStates(points: PublicServicePoint[]): Promise<Map<RoomId, RoomLiveState>>;
}

/**
 * The live point rooms of this server. A point's room is persistent (its link never
 * changes), but its in-memory state and media router exist only while someone is in it.
 */
export class RoomRegistry {
  readonly #rooms = new Map<RoomId, PointRoom>();
  readonly #opening = new Map<PointSlug, Promise<PointRoom>>();
  readonly #graceTimers = new Map<PeerId, ReturnType<typeof setTimeout>>();
  readonly #points: ServicePointRepository;
  readonly #sfu: SfuService;
  readonly #notifier: RoomNotifier;
  readonly #log: Logger;
  readonly options: RoomRegistryOptions;

  constructor(points: ServicePointRepository, sfu: SfuService, notifier: RoomNotifier, log: Logger, options: RoomRegistryOptions) {
    this.#points = points;
    this.#sfu = sfu;
    this.#notifier = notifier;
    this.#log = log;
    this.options = options;
  }

  static roomIdOf(pointId: string): RoomId {
    return RoomIdSchema.parse(`point-${pointId}`);
  }

  get(roomId: RoomId): PointRoom | undefined {
    return this.#rooms.get(roomId);
  }

  /** The rooms someone is in now. */
  live(): PointRoom[] {
    return [...this.#rooms.values()];
  }

  get size(): number {
    return this.#rooms.size;
  }

  /** Live state of a point's room for one staff member's directory; a room nobody is in is empty. */
  liveState(point: PublicServicePoint, forStaff?: StaffUserId): RoomLiveState {
    return this.#rooms.get(RoomRegistry.roomIdOf(point.id))?.liveState(forStaff) ?? liveStateOf(point, [], false);
  }

  /** As `liveState` for several points, including rooms other server nodes hold. */
  async liveStates(points: PublicServicePoint[], forStaff?: StaffUserId): Promise<RoomLiveState[]> {
    const remote = this.options.shared ? await this.options.shared.liveStates(points.filter((p) => !this.#rooms.has(RoomRegistry.roomIdOf(p.id)))) : new Map<RoomId, RoomLiveState>();
    return points.map((p) => remote.get(RoomRegistry.roomIdOf(p.id)) ?? this.liveState(p, forStaff));
  }

  /** The live room of a point, created with its media router on first use; concurrent callers share one. */
  async open(slug: PointSlug): Promise<PointRoom> {
    const pending = this.#opening.get(slug);
    if (pending) return pending;
    const opening = this.#open(slug);
    this.#opening.set(slug, opening);
    try {
      return await opening;
    } finally {
      this.#opening.delete(slug);
    }
  }

  /** The live room of a point if someone is in it. */
  async find(slug: PointSlug): Promise<PointRoom | undefined> {
    const point = await this.#points.findBySlug(slug);
    if (!point) return undefined;
    const roomId = RoomRegistry.roomIdOf(point.id);
    const live = this.#rooms.get(roomId);
    if (live || !(await this.options.shared?.restorable(roomId))) return live;
    return this.open(slug);
  }

  /** Keeps a dropped participant's place for the grace period, then lets them go. */
  startGrace(room: PointRoom, peerId: PeerId, onExpired: () => Promise<void>): void {
    this.cancelGrace(peerId);
    this.#graceTimers.set(
      peerId,
      setTimeout(() => {
        this.#graceTimers.delete(peerId);
        onExpired().catch((err: unknown) => this.#log.error({ err, roomId: room.roomId, peerId }, 'ending a lost participation failed'));
      }, this.options.reconnectGraceMs),
    );
  }

  cancelGrace(peerId: PeerId): void {
    const timer = this.#graceTimers.get(peerId);
    if (timer) clearTimeout(timer);
    this.#graceTimers.delete(peerId);
  }

  /** Frees an empty room's state and media; the point's link keeps working and reopens it. */
  async releaseIfEmpty(roomId: RoomId): Promise<void> {
    const room = this.#rooms.get(roomId);
    if (!room || !room.isEmpty) return;
    this.#rooms.delete(roomId);
    room.dispose();
    await this.options.shared?.released(roomId);
    await this.#sfu.closeRoom(roomId);
    this.#log.info({ roomId }, 'room released');
  }

  /**
   * Another server node took this room over (its lease was lost): it is dropped here without
   * ending anything, since its session carries on there.
   */
  async forget(roomId: RoomId): Promise<void> {
    const room = this.#rooms.get(roomId);
    if (!room) return;
    this.#rooms.delete(roomId);
    for (const p of room.snapshot().participants) this.cancelGrace(p.peerId);
    room.dispose();
    await this.#sfu.closeRoom(roomId);
    this.#log.warn({ roomId }, 'room dropped: another node holds it now');
  }

  dispose(): void {
    for (const timer of this.#graceTimers.values()) clearTimeout(timer);
    this.#graceTimers.clear();
    for (const room of this.#rooms.values()) room.dispose();
  }

  async #open(slug: PointSlug): Promise<PointRoom> {
    const point = await this.#points.findBySlug(slug);
    if (!point) throw new KanavaError('pointNotFound', 'no such service point');
    const roomId = RoomRegistry.roomIdOf(point.id);
    const existing = this.#rooms.get(roomId);
    if (existing) return existing;
    await this.#sfu.openRoom(roomId);
    const { onSessionEnded, onCustomerServed } = this.options;
    const room: PointRoom = new PointRoom(roomId, point, this.#notifier, {
      escalateAfterMs: this.options.escalateAfterMs,
      bookedExpertFirstMs: this.options.bookedExpertFirstMs ?? 0,
      ...(onSessionEnded ? { onSessionEnded: (session: ServiceSession) => onSessionEnded(room, session) } : {}),
      ...(onCustomerServed ? { onCustomerServed: (customer: Participant, session: ServiceSession) => onCustomerServed(room, customer, session) } : {}),
    });
    await this.options.shared?.restore(room);
    this.#rooms.set(roomId, room);
    this.#log.info({ roomId, slug }, 'room opened');
    return room;
  }
}
