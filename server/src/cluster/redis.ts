import { Redis, type RedisOptions } from 'ioredis';
import type { Logger } from '../logger.ts';

/**
 * The three connections a node keeps to Redis. `pub` and `sub` are shared by the socket.io
 * adapter and the node's own messages (forwarded requests and replies), so everything one node
 * publishes reaches another in the order it was sent: a reply never overtakes the channel join
 * or the event that came before it.
 */
export interface ClusterRedis {
  /** Leases, snapshots, locks: fails fast while Redis is away (callers answer `unavailable`). */
  cmd: Redis;
  /** Publishes wait for Redis to come back instead of failing (the adapter does not catch them). */
  pub: Redis;
  sub: Redis;
  /** True while the command connection is up (readiness). */
  ready(): boolean;
  close(): Promise<void>;
}

/** Reconnects forever, quickly at first: a restarted Redis is back within a second or two. */
const retryStrategy = (attempt: number) => Math.min(attempt * 100, 1000);

export function connectRedis(url: string, log: Logger): ClusterRedis {
  const base: RedisOptions = { retryStrategy, connectionName: 'kanava', lazyConnect: false };
  const cmd = new Redis(url, { ...base, maxRetriesPerRequest: 1 });
  const pub = new Redis(url, { ...base, maxRetriesPerRequest: null });
  const sub = new Redis(url, { ...base, maxRetriesPerRequest: null });
  for (const [name, client] of [['cmd', cmd], ['pub', pub], ['sub', sub]] as const) {
    // ioredis logs nothing itself; an 'error' listener also keeps a refused connection from throwing.
    let down = false;
    client.on('error', (err: Error) => {
      if (!down) log.warn({ connection: name, err: err.message }, 'redis connection error');
      down = true;
    });
    client.on('ready', () => {
      if (down) log.info({ connection: name }, 'redis connection back');
      down = false;
    });
  }
  return {
    cmd,
    pub,
    sub,
    ready: () => cmd.status === 'ready' && pub.status === 'ready' && sub.status === 'ready',
    async close() {
      await Promise.all([cmd, pub, sub].map((c) => c.quit().catch(() => c.disconnect())));
    },
  };
}
