import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** URL of the throwaway Redis for the integration tests; tests use their own key prefixes. */
    redisUrl: string;
  }
}

export function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const address = s.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      s.close(() => resolve(port));
    });
  });
}

function redisServerBinary(): string {
  const candidates = [process.env.KANAVA_REDIS_SERVER, '/usr/bin/redis-server', '/usr/local/bin/redis-server'];
  const found = candidates.find((c): c is string => typeof c === 'string' && fs.existsSync(c));
  if (!found) throw new Error('redis-server is not installed: run ./kanava test, or apt-get install redis-server');
  return found;
}

function waitForPort(port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const attempt = () => {
      const socket = net.connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.end();
        resolve();
      });
      socket.once('error', () => {
        socket.destroy();
        if (Date.now() > deadline) reject(new Error(`redis-server did not listen on ${port} within ${timeoutMs} ms`));
        else setTimeout(attempt, 50);
      });
    };
    attempt();
  });
}

export interface RedisProcess {
  readonly url: string;
  readonly port: number;
  /** Stops the server (SIGKILL when `abrupt`), as a crash or restart would. */
  stop(abrupt?: boolean): Promise<void>;
  /** Starts it again on the same port, as after a restart. */
  restart(): Promise<void>;
}

/**
 * A redis-server of its own on a free loopback port, without persistence: for tests that
 * restart or kill Redis (the shared one from the global setup must stay up for the others).
 */
export async function startRedisProcess(port?: number): Promise<RedisProcess> {
  const binary = redisServerBinary();
  const chosenPort = port ?? (await freeLoopbackPort());
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kanava-redis-'));
  let child: ChildProcess | undefined;
  const launch = async () => {
    child = spawn(binary, ['--port', String(chosenPort), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir], {
      stdio: 'ignore',
    });
    await waitForPort(chosenPort, 10_000);
  };
  const stop = async (abrupt = false) => {
    const running = child;
    child = undefined;
    if (!running || running.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      running.once('exit', () => resolve());
      running.kill(abrupt ? 'SIGKILL' : 'SIGTERM');
    });
  };
  await launch();
  return {
    url: `redis://127.0.0.1:${chosenPort}`,
    port: chosenPort,
    stop,
    restart: async () => {
      await stop();
      await launch();
    },
  };
}

/**
 * Vitest global setup: a throwaway redis-server for the integration tests, stopped afterwards.
 * KANAVA_TEST_REDIS_URL uses an existing server instead.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const given = process.env.KANAVA_TEST_REDIS_URL;
  if (given) {
    project.provide('redisUrl', given);
    return async () => {};
  }
  const redis = await startRedisProcess();
  project.provide('redisUrl', redis.url);
  return async () => redis.stop();
}
