import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Logger } from '../logger.ts';

/**
 * Runs scheduled work on one node at a time. In single-node mode it simply runs; with Redis
 * a node takes the job's lock (SET NX PX with its own token, renewed while the work runs)
 * and the others skip this round. `holdMs` keeps the lock after a quick run, so a node whose
 * timer fires a moment later does not run the same round again.
 */
export interface JobLock {
  runExclusively<T>(name: string, fn: () => Promise<T>, options?: { holdMs?: number }): Promise<T | undefined>;
}

export const singleNode: JobLock = {
  runExclusively: (_name, fn) => fn(),
};

/** Deletes the key, or shortens it to what is left of the hold, only while it is still ours. */
const RELEASE = `
if redis.call('get', KEYS[1]) ~= ARGV[1] then return 0 end
local left = tonumber(ARGV[2])
if left > 0 then redis.call('pexpire', KEYS[1], left) else redis.call('del', KEYS[1]) end
return 1`;
const RENEW = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end`;

export function redisJobLock(redis: Redis, log: Logger, lockMs = 30_000): JobLock {
  return {
    async runExclusively(name, fn, options = {}) {
      const key = `kanava:job:${name}`;
      const token = randomUUID();
      const startedAt = Date.now();
      let taken: string | null;
      try {
        taken = await redis.set(key, token, 'PX', Math.max(lockMs, options.holdMs ?? 0), 'NX');
      } catch (err) {
        // No Redis, no certainty that nobody else runs it: skip this round, the next one comes.
        log.warn({ job: name, err }, 'job skipped: its lock could not be taken');
        return undefined;
      }
      if (taken !== 'OK') {
        log.debug({ job: name }, 'job runs on another node');
        return undefined;
      }
      const renew = setInterval(() => {
        redis.eval(RENEW, 1, key, token, String(lockMs)).catch((err: unknown) => log.warn({ job: name, err }, 'renewing a job lock failed'));
      }, lockMs / 3);
      renew.unref();
      try {
        return await fn();
      } finally {
        clearInterval(renew);
        const left = (options.holdMs ?? 0) - (Date.now() - startedAt);
        await redis.eval(RELEASE, 1, key, token, String(Math.max(0, Math.round(left)))).catch((err: unknown) => log.warn({ job: name, err }, 'releasing a job lock failed'));
      }
    },
  };
}
