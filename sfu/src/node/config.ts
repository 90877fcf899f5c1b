import os from 'node:os';
import { z } from 'zod';
import type { SfuConfig } from '../config.ts';
import { defaultWorkerCount } from '../config.ts';
import { SfuNodeIdSchema } from '../remote/wire.ts';

const port = z.coerce.number().int().min(0).max(65535);
const boolFlag = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

/** What an SFU node reads from its environment; anything else is ignored. */
const NodeEnvSchema = z
  .object({
    REDIS_URL: z.url().refine((u) => /^rediss?:/.test(u), 'a redis:// or rediss:// URL'),
    /** Stable name of the node (a StatefulSet pod name); the host name when unset. */
    KANAVA_SFU_NODE_ID: SfuNodeIdSchema.optional(),
    KANAVA_SFU_WORKERS: z.coerce.number().int().min(1).max(256).optional(),
    KANAVA_RTC_LISTEN_IP: z.ipv4().or(z.ipv6()).default('0.0.0.0'),
    /** The address browsers reach this node at; required with a wildcard listen address. */
    KANAVA_RTC_ANNOUNCED_ADDRESS: z.string().min(1).optional(),
    KANAVA_RTC_MIN_PORT: port.default(40000),
    KANAVA_RTC_MAX_PORT: port.default(49999),
    KANAVA_RTC_TCP: boolFlag.default(true),
    MEDIASOUP_WORKER_BIN: z.string().min(1).optional(),
    KANAVA_SFU_HEARTBEAT_MS: z.coerce.number().int().min(100).max(60_000).default(1000),
    KANAVA_SFU_HEARTBEAT_TTL_MS: z.coerce.number().int().min(300).max(120_000).default(4000),
    /** A room whose server is gone this long is closed; longer than the servers' KANAVA_RECONNECT_GRACE_S. */
    KANAVA_SFU_ORPHAN_GRACE_MS: z.coerce.number().int().min(500).max(86_400_000).default(120_000),
    /** /healthz and /readyz for the orchestrator; 0 picks a free port. */
    KANAVA_SFU_HTTP_PORT: port.default(3100),
    KANAVA_SFU_HTTP_HOST: z.string().default('0.0.0.0'),
    KANAVA_LOG_LEVEL: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']).default('info'),
  })
  .refine((e) => e.KANAVA_RTC_MIN_PORT <= e.KANAVA_RTC_MAX_PORT, {
    message: 'KANAVA_RTC_MIN_PORT must not be above KANAVA_RTC_MAX_PORT',
    path: ['KANAVA_RTC_MIN_PORT'],
  })
  .refine((e) => e.KANAVA_SFU_HEARTBEAT_MS < e.KANAVA_SFU_HEARTBEAT_TTL_MS, {
    message: 'the heartbeat must come more often than its key expires',
    path: ['KANAVA_SFU_HEARTBEAT_TTL_MS'],
  })
  .refine((e) => !['0.0.0.0', '::'].includes(e.KANAVA_RTC_LISTEN_IP) || e.KANAVA_RTC_ANNOUNCED_ADDRESS !== undefined, {
    message: 'a node listening on a wildcard address must announce the address browsers reach it at',
    path: ['KANAVA_RTC_ANNOUNCED_ADDRESS'],
  });

export interface SfuNodeConfig {
  redisUrl: string;
  nodeId: string;
  heartbeatMs: number;
  heartbeatTtlMs: number;
  orphanGraceMs: number;
  httpPort: number;
  httpHost: string;
  logLevel: string;
  sfu: SfuConfig;
}

export class NodeConfigError extends Error {
  override name = 'NodeConfigError';
}

/** Parses the environment; a wrong value stops the node with a message naming the variable. */
export function loadNodeConfig(env: NodeJS.ProcessEnv): SfuNodeConfig {
  const parsed = NodeEnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join('.') || 'environment'}: ${i.message}`);
    throw new NodeConfigError(`invalid configuration:\n  ${lines.join('\n  ')}`);
  }
  const e = parsed.data;
  return {
    redisUrl: e.REDIS_URL,
    nodeId: e.KANAVA_SFU_NODE_ID ?? SfuNodeIdSchema.catch('sfu').parse(os.hostname()),
    heartbeatMs: e.KANAVA_SFU_HEARTBEAT_MS,
    heartbeatTtlMs: e.KANAVA_SFU_HEARTBEAT_TTL_MS,
    orphanGraceMs: e.KANAVA_SFU_ORPHAN_GRACE_MS,
    httpPort: e.KANAVA_SFU_HTTP_PORT,
    httpHost: e.KANAVA_SFU_HTTP_HOST,
    logLevel: e.KANAVA_LOG_LEVEL,
    sfu: {
      numWorkers: e.KANAVA_SFU_WORKERS ?? defaultWorkerCount(),
      workerBin: e.MEDIASOUP_WORKER_BIN,
      listenIp: e.KANAVA_RTC_LISTEN_IP,
      announcedAddress: e.KANAVA_RTC_ANNOUNCED_ADDRESS,
      rtcMinPort: e.KANAVA_RTC_MIN_PORT,
      rtcMaxPort: e.KANAVA_RTC_MAX_PORT,
      enableTcp: e.KANAVA_RTC_TCP,
      initialAvailableOutgoingBitrate: 1_000_000,
      logLevel: 'warn',
    },
  };
}
