import { KanavaError, RoomIdSchema, type PointSlug, type RoomId } from '@kanava/shared';
import type { SfuService } from '@kanava/sfu/api';
import type { ServicePointRepository } from '../db/ServicePointRepository.ts';
import type { Logger } from '../logger.ts';
import { PointRoom, type RoomNotifier } from './PointRoom.ts';

/**
 * The live point rooms of this server. A point's room is persistent (its link never
 * changes), but its in-memory state and media router exist only while someone is in it.
 */
export class RoomRegistry {
  readonly #rooms = new Map<RoomId, PointRoom>();
  readonly #opening = new Map<PointSlug, Promise<PointRoom>>();
  readonly #points: ServicePointRepository;
  readonly #sfu: SfuService;
  readonly #notifier: RoomNotifier;
  readonly #log: Logger;

  constructor(points: ServicePointRepository, sfu: SfuService, notifier: RoomNotifier, log: Logger) {
    this.#points = points;
    this.#sfu = sfu;
    this.#notifier = notifier;
    this.#log = log;
  }

  static roomIdOf(pointId: string): RoomId {
    return RoomIdSchema.parse(`point-${pointId}`);
  }

  get(roomId: RoomId): PointRoom | undefined {
    return this.#rooms.get(roomId);
  }

  get size(): number {
    return this.#rooms.size;
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

  /** Frees an empty room's state and media; the point's link keeps working and reopens it. */
  async releaseIfEmpty(roomId: RoomId): Promise<void> {
    const room = this.#rooms.get(roomId);
    if (!room || !room.isEmpty) return;
    this.#rooms.delete(roomId);
    await this.#sfu.closeRoom(roomId);
    this.#log.info({ roomId }, 'room released');
  }

  async #open(slug: PointSlug): Promise<PointRoom> {
    const point = await this.#points.findBySlug(slug);
    if (!point) throw new KanavaError('pointNotFound', 'no such service point');
    const roomId = RoomRegistry.roomIdOf(point.id);
    const existing = this.#rooms.get(roomId);
    if (existing) return existing;
    await this.#sfu.openRoom(roomId);
    const room = new PointRoom(roomId, point, this.#notifier);
    this.#rooms.set(roomId, room);
    this.#log.info({ roomId, slug }, 'room opened');
    return room;
  }
}
