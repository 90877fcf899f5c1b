import type { Redis } from 'ioredis';
import type { RoomId } from '@kanava/shared';

/** Takes the lease again if it is ours or gone (a restarted Redis forgot it); refuses if another node holds it. */
const RENEW = `
local owner = redis.call('get', KEYS[1])
if owner and owner ~= ARGV[1] then return 0 end
redis.call('set', KEYS[1], ARGV[1], 'PX', ARGV[2])
return 1`;
const RELEASE = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;
/** The fencing: only the lease holder writes the room's state, so a node that lost the room cannot overwrite it. */
const WRITE_IF_OWNER = `
if redis.call('get', KEYS[1]) ~= ARGV[1] then return 0 end
if ARGV[2] == '' then redis.call('del', KEYS[2]) else redis.call('set', KEYS[2], ARGV[2], 'PX', ARGV[3]) end
return 1`;

/** A snapshot outlives its owner this long at most (a room nobody resumes is forgotten). */
const SNAPSHOT_TTL_MS = 24 * 3_600_000;

const leaseKey = (roomId: RoomId) => `kanava:room:${roomId}:owner`;
const stateKey = (roomId: RoomId) => `kanava:room:${roomId}:state`;

/**
 * Which node owns each live room (a Redis key with the owner's node id, set NX with an expiry
 * and renewed by the owner), and the room's state written through by its owner.
 */
export class RoomLeases {
  readonly #redis: Redis;
  readonly #nodeId: string;
  readonly #ttlMs: number;

  constructor(redis: Redis, nodeId: string, ttlMs: number) {
    this.#redis = redis;
    this.#nodeId = nodeId;
    this.#ttlMs = ttlMs;
  }

  /** The owner now, taking the room if nobody holds it. */
  async ownerOrTake(roomId: RoomId): Promise<string> {
    const taken = await this.#redis.set(leaseKey(roomId), this.#nodeId, 'PX', this.#ttlMs, 'NX');
    if (taken === 'OK') return this.#nodeId;
    const owner = await this.#redis.get(leaseKey(roomId));
    // Released between the two calls: try once more.
    return owner ?? this.ownerOrTake(roomId);
  }

  owner(roomId: RoomId): Promise<string | null> {
    return this.#redis.get(leaseKey(roomId));
  }

  /** Renews the leases this node holds; answers the rooms it no longer owns. */
  async renew(roomIds: RoomId[]): Promise<RoomId[]> {
    const lost: RoomId[] = [];
    for (const roomId of roomIds) {
      const ok = await this.#redis.eval(RENEW, 1, leaseKey(roomId), this.#nodeId, String(this.#ttlMs));
      if (ok !== 1) lost.push(roomId);
    }
    return lost;
  }

  async release(roomId: RoomId): Promise<void> {
    await this.#redis.eval(RELEASE, 1, leaseKey(roomId), this.#nodeId);
  }

  /** Writes the room's state (or deletes it, for an empty string) while this node holds its lease. */
  async writeState(roomId: RoomId, json: string): Promise<boolean> {
    const ok = await this.#redis.eval(WRITE_IF_OWNER, 2, leaseKey(roomId), stateKey(roomId), this.#nodeId, json, String(SNAPSHOT_TTL_MS));
    return ok === 1;
  }

  readState(roomId: RoomId): Promise<string | null> {
    return this.#redis.get(stateKey(roomId));
  }

  async readStates(roomIds: RoomId[]): Promise<(string | null)[]> {
    if (roomIds.length === 0) return [];
    return this.#redis.mget(roomIds.map(stateKey));
  }
}
