import os from 'node:os';
import path from 'node:path';
import { defineConfig } from '@playwright/test';
import { chromiumArgs } from './playwright.config.ts';

/**
 * The server with its media on two SFU nodes of their own (KANAVA_SFU_MODE=remote), all through a
 * Redis of this run: `npm run test:sfu-nodes --workspace e2e`. The ports derive from KANAVA_E2E_PORT.
 */
const port = Number(process.env.KANAVA_E2E_PORT ?? 3999);
const baseURL = `http://127.0.0.1:${port}`;
const dataDir = path.join(os.tmpdir(), `kanava-e2e-sfu-nodes-${process.pid}`);
export const sfuNodesSetup = {
  redisPort: port + 20_000,
  nodes: [
    { nodeId: 'e2e-sfu-a', httpPort: port + 21_000, rtcPorts: [45000, 45499] },
    { nodeId: 'e2e-sfu-b', httpPort: port + 21_001, rtcPorts: [45500, 45999] },
  ],
} as const;
const redisUrl = `redis://127.0.0.1:${sfuNodesSetup.redisPort}`;
const workerBin: Record<string, string> = process.env.MEDIASOUP_WORKER_BIN ? { MEDIASOUP_WORKER_BIN: process.env.MEDIASOUP_WORKER_BIN } : {};

export default defineConfig({
  testDir: './sfu-nodes',
  timeout: 120_000,
  expect: { timeout: 30_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  use: {
    baseURL,
    browserName: 'chromium',
    launchOptions: { executablePath: process.env.KANAVA_CHROMIUM ?? '/usr/bin/chromium', args: chromiumArgs },
    permissions: ['camera', 'microphone'],
    trace: 'off',
  },
  webServer: [
    {
      command: `redis-server --port ${sfuNodesSetup.redisPort} --bind 127.0.0.1 --save '' --appendonly no`,
      port: sfuNodesSetup.redisPort,
      reuseExistingServer: false,
      stdout: 'ignore',
      stderr: 'pipe',
    },
    ...sfuNodesSetup.nodes.map((node) => ({
      command: 'node ../sfu/src/node/main.ts',
      url: `http://127.0.0.1:${node.httpPort}/readyz`,
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: 'ignore' as const,
      stderr: 'pipe' as const,
      env: {
        REDIS_URL: redisUrl,
        KANAVA_SFU_NODE_ID: node.nodeId,
        KANAVA_SFU_WORKERS: '1',
        KANAVA_RTC_LISTEN_IP: '127.0.0.1',
        KANAVA_RTC_MIN_PORT: String(node.rtcPorts[0]),
        KANAVA_RTC_MAX_PORT: String(node.rtcPorts[1]),
        KANAVA_SFU_HEARTBEAT_MS: '500',
        KANAVA_SFU_HEARTBEAT_TTL_MS: '2000',
        KANAVA_SFU_HTTP_PORT: String(node.httpPort),
        KANAVA_SFU_HTTP_HOST: '127.0.0.1',
        KANAVA_LOG_LEVEL: 'warn',
        ...workerBin,
      },
    })),
    {
      command: 'node ../server/src/main.ts',
      url: `${baseURL}/readyz`,
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: 'ignore',
      stderr: 'pipe',
      env: {
        KANAVA_PORT: String(port),
        KANAVA_HOST: '127.0.0.1',
        KANAVA_DATA_DIR: dataDir,
        KANAVA_LOG_LEVEL: 'warn',
        KANAVA_SFU_MODE: 'remote',
        REDIS_URL: redisUrl,
        KANAVA_SFU_POLL_MS: '250',
        KANAVA_SFU_REQUEST_TIMEOUT_MS: '3000',
      },
    },
  ],
});
