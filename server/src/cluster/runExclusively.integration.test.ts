import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { redisJobLock, singleNode } from './runExclusively.ts';

const log = pino({ level: 'silent' });
const clients: Redis[] = [];
/** A node's own Redis connection, as each server node has. */
function node() {
  const client = new Redis(inject('redisUrl'), { maxRetriesPerRequest: 1 });
  clients.push(client);
  return client;
}
afterAll(() => {
  for (const c of clients) c.disconnect();
});
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('runExclusively', () => {
  it('runs a round of a scheduled job on exactly one of several nodes', async () => {
    const job = `test-${randomUUID()}`;
    const nodes = [redisJobLock(node(), log), redisJobLock(node(), log), redisJobLock(node(), log)];
    let runs = 0;
    const round = async () => {
      runs++;
      await sleep(50);
      return 'done';
    };
    const results = await Promise.all(nodes.map((n) => n.runExclusively(job, round, { holdMs: 800 })));
    expect(runs).toBe(1);
    expect(results.filter((r) => r === 'done')).toHaveLength(1);

    // A node whose timer fires a little later does not run the same round again; the next round runs.
    expect(await nodes[1]?.runExclusively(job, round, { holdMs: 800 })).toBeUndefined();
    await sleep(900);
    expect(await nodes[2]?.runExclusively(job, round, { holdMs: 800 })).toBe('done');
    expect(runs).toBe(2);
  });

  it('keeps the lock while a long round runs, and lets it go when done', async () => {
    const job = `test-${randomUUID()}`;
    const [a, b] = [redisJobLock(node(), log, 300), redisJobLock(node(), log, 300)];
    let running = 0;
    let overlapped = false;
    const long = async () => {
      running++;
      if (running > 1) overlapped = true;
      await sleep(1000);
      running--;
    };
    const first = a.runExclusively(job, long);
    await sleep(500); // past the 300 ms lock: only the renewal holds it
    expect(await b.runExclusively(job, long)).toBeUndefined();
    await first;
    expect(overlapped).toBe(false);
    expect(await b.runExclusively(job, async () => 'next')).toBe('next');
  });

  it('skips the round when Redis cannot be reached, and simply runs on a single node', async () => {
    const away = new Redis('redis://127.0.0.1:1', { maxRetriesPerRequest: 0, retryStrategy: () => null, lazyConnect: true });
    away.on('error', () => {});
    let ran = false;
    expect(await redisJobLock(away, log).runExclusively('x', async () => (ran = true))).toBeUndefined();
    expect(ran).toBe(false);
    expect(await singleNode.runExclusively('x', async () => 42)).toBe(42);
    away.disconnect();
  });
});
