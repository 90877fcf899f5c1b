import { randomUUID } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import type { TurnConfig } from './turn/turnCredentials.ts';
import { recordsConfigFrom, recordsEnvShape } from './records/config.ts';
import { bookingConfigFrom, bookingEnvShape, type BookingConfig } from './booking/config.ts';
import { eventsConfigFrom, eventsEnvShape, type EventsConfig } from './events/config.ts';
import { documentsConfigFrom, documentsEnvShape, type DocumentsConfig } from './documents/config.ts';

const port = z.coerce.number().int().min(0).max(65535);
const boolFlag = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

/** Environment variables Kanava reads; anything else in the environment is ignored. */
const EnvSchema = z
  .object({
    KANAVA_HOST: z.string().default('0.0.0.0'),
    KANAVA_PORT: port.default(3000),
    KANAVA_PUBLIC_URL: z.url().optional(),
    KANAVA_DATA_DIR: z.string().default('data'),
    KANAVA_DEMO_DATA: boolFlag.default(true),
    KANAVA_CLIENT_DIR: z.string().optional(),
    KANAVA_LOG_LEVEL: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']).default('info'),
    KANAVA_SFU_WORKERS: z.coerce.number().int().min(1).max(256).optional(),
    KANAVA_RTC_LISTEN_IP: z.ipv4().or(z.ipv6()).default('0.0.0.0'),
    KANAVA_RTC_ANNOUNCED_ADDRESS: z.string().min(1).optional(),
    KANAVA_RTC_MIN_PORT: port.default(40000),
    KANAVA_RTC_MAX_PORT: port.default(49999),
    KANAVA_RTC_TCP: boolFlag.default(true),
    MEDIASOUP_WORKER_BIN: z.string().min(1).optional(),
    /** embedded: mediasoup workers in this process; remote: SFU nodes reached through Redis (REDIS_URL). */
    KANAVA_SFU_MODE: z.enum(['embedded', 'remote']).default('embedded'),
    KANAVA_SFU_REQUEST_TIMEOUT_MS: z.coerce.number().int().min(500).max(60_000).default(5000),
    KANAVA_SFU_POLL_MS: z.coerce.number().int().min(100).max(10_000).default(1000),
    ...recordsEnvShape,
    ...bookingEnvShape,
    ...eventsEnvShape,
    ...documentsEnvShape,
    KANAVA_LOBBY_ESCALATE_AFTER_S: z.coerce.number().int().min(10).max(86_400).default(300),
    KANAVA_RECONNECT_GRACE_S: z.coerce.number().int().min(5).max(3600).default(60),
    KANAVA_METRICS_TOKEN: z.string().min(16).optional(),
    KANAVA_TURN_URLS: z
      .string()
      .transform((v) => v.split(',').map((u) => u.trim()).filter((u) => u.length > 0))
      .pipe(z.array(z.string().regex(/^turns?:[^\s]+$/, 'each TURN URL starts with turn: or turns:')))
      .optional(),
    KANAVA_TURN_SECRET: z.string().min(16).optional(),
    KANAVA_TURN_TTL_S: z.coerce.number().int().min(60).max(86_400).default(3600),
    KANAVA_CHAT_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
    REDIS_URL: z.string().regex(/^rediss?:\/\/\S+$/, 'a redis:// or rediss:// URL').optional(),
    KANAVA_NODE_ID: z.string().regex(/^[\w.-]{1,64}$/, 'letters, digits, dot, dash or underscore').optional(),
    KANAVA_ROOM_LEASE_MS: z.coerce.number().int().min(1000).max(60_000).default(6000),
  })
  .refine((e) => (e.KANAVA_TURN_URLS === undefined) === (e.KANAVA_TURN_SECRET === undefined), {
    message: 'KANAVA_TURN_URLS and KANAVA_TURN_SECRET go together',
    path: ['KANAVA_TURN_SECRET'],
  })
  .refine((e) => e.KANAVA_RTC_MIN_PORT <= e.KANAVA_RTC_MAX_PORT, {
    message: 'KANAVA_RTC_MIN_PORT must not be above KANAVA_RTC_MAX_PORT',
    path: ['KANAVA_RTC_MIN_PORT'],
  })
  .refine((e) => e.KANAVA_SFU_MODE !== 'remote' || e.REDIS_URL !== undefined, {
    message: 'KANAVA_SFU_MODE=remote needs REDIS_URL (the SFU nodes are reached through Redis)',
    path: ['REDIS_URL'],
  });

export interface ServerConfig {
  host: string;
  port: number;
  publicUrl: string | undefined;
  dataDir: string;
  databaseFile: string;
  demoData: boolean;
  clientDir: string;
  logLevel: z.infer<typeof EnvSchema>['KANAVA_LOG_LEVEL'];
  /** When set, /metrics answers only requests with this bearer token. */
  metricsToken: string | undefined;
  /** coturn with the REST-API shared secret; time-limited credentials go out with each transport. */
  turn: TurnConfig | undefined;
  retention: {
    /** Chat messages are deleted this many days after their service session ended. */
    chatDays: number;
  };
  lobby: {
    /** A customer waiting this long is escalated to the point's advisors and the other experts. */
    escalateAfterMs: number;
    /** A participant whose connection drops keeps their place (and admission) this long. */
    reconnectGraceMs: number;
  };
  /** PostgreSQL instead of the SQLite file when set. */
  databaseUrl: string | undefined;
  /** Several server nodes sharing rooms through Redis (REDIS_URL); undefined: one node, all in memory. */
  cluster: ClusterConfig | undefined;
  booking: BookingConfig;
  /** Service events: retention of events and survey comments. */
  events: EventsConfig;
  documents: DocumentsConfig;
  auth: {
    sessionHours: number;
    maxFailedSignIns: number;
    lockMinutes: number;
    signInRateLimitPerMinute: number;
    /** Cookies only over HTTPS: on when the public URL is https. */
    secureCookies: boolean;
    oidc: OidcConfig | undefined;
  };
  mail: {
    from: string;
    /** SMTP when set; otherwise each message is written as a JSON file into `dir`. */
    smtpUrl: string | undefined;
    dir: string;
  };
  sfu: {
    numWorkers: number | undefined;
    workerBin: string | undefined;
    listenIp: string;
    announcedAddress: string | undefined;
    rtcMinPort: number;
    rtcMaxPort: number;
    enableTcp: boolean;
    /** SFU nodes over Redis (KANAVA_SFU_MODE=remote); undefined: mediasoup workers in this process. */
    remote: { redisUrl: string; requestTimeoutMs: number; pollMs: number } | undefined;
  };
}

export interface ClusterConfig {
  redisUrl: string;
  /** This node's name in Redis (room leases, forwarded requests); unique per process. */
  nodeId: string;
  /** A room's owner holds its lease this long without renewing; a dead owner's rooms are taken over after it. */
  roomLeaseMs: number;
}

export interface OidcConfig {
  issuer: string;
  clientId: string;
  clientSecret: string | undefined;
  /** Where the identity provider sends the browser back: <public URL>/api/auth/oidc/callback. */
  redirectUrl: string;
  /** The button text on the sign-in page, e.g. "Kela AD". */
  label: string;
  /** Plain-HTTP issuers only for tests and local identity providers. */
  allowHttp: boolean;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Parses the environment; a wrong value stops start-up with a message naming the variable. */
export function loadConfig(env: NodeJS.ProcessEnv, repoRoot: string): ServerConfig {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join('.') || 'environment'}: ${i.message}`);
    throw new ConfigError(`invalid configuration:\n  ${lines.join('\n  ')}`);
  }
  const e = parsed.data;
  const dataDir = path.resolve(repoRoot, e.KANAVA_DATA_DIR);
  return {
    host: e.KANAVA_HOST,
    port: e.KANAVA_PORT,
    publicUrl: e.KANAVA_PUBLIC_URL,
    dataDir,
    databaseFile: path.join(dataDir, 'kanava.sqlite'),
    demoData: e.KANAVA_DEMO_DATA,
    clientDir: path.resolve(repoRoot, e.KANAVA_CLIENT_DIR ?? 'client/dist'),
    logLevel: e.KANAVA_LOG_LEVEL,
    ...recordsConfigFrom(e, dataDir),
    booking: bookingConfigFrom(e),
    events: eventsConfigFrom(e),
    documents: documentsConfigFrom(e),
    metricsToken: e.KANAVA_METRICS_TOKEN,
    turn:
      e.KANAVA_TURN_URLS && e.KANAVA_TURN_SECRET
        ? { urls: e.KANAVA_TURN_URLS, secret: e.KANAVA_TURN_SECRET, ttlSeconds: e.KANAVA_TURN_TTL_S }
        : undefined,
    retention: { chatDays: e.KANAVA_CHAT_RETENTION_DAYS },
    cluster: e.REDIS_URL
      ? { redisUrl: e.REDIS_URL, nodeId: e.KANAVA_NODE_ID ?? `${os.hostname()}-${process.pid}-${randomUUID().slice(0, 8)}`, roomLeaseMs: e.KANAVA_ROOM_LEASE_MS }
      : undefined,
    lobby: { escalateAfterMs: e.KANAVA_LOBBY_ESCALATE_AFTER_S * 1000, reconnectGraceMs: e.KANAVA_RECONNECT_GRACE_S * 1000 },
    sfu: {
      numWorkers: e.KANAVA_SFU_WORKERS,
      workerBin: e.MEDIASOUP_WORKER_BIN,
      listenIp: e.KANAVA_RTC_LISTEN_IP,
      announcedAddress: e.KANAVA_RTC_ANNOUNCED_ADDRESS ?? announcedAddressFor(e.KANAVA_RTC_LISTEN_IP),
      rtcMinPort: e.KANAVA_RTC_MIN_PORT,
      rtcMaxPort: e.KANAVA_RTC_MAX_PORT,
      enableTcp: e.KANAVA_RTC_TCP,
      remote:
        e.KANAVA_SFU_MODE === 'remote' && e.REDIS_URL
          ? { redisUrl: e.REDIS_URL, requestTimeoutMs: e.KANAVA_SFU_REQUEST_TIMEOUT_MS, pollMs: e.KANAVA_SFU_POLL_MS }
          : undefined,
    },
  };
}

/**
 * A wildcard listen address cannot be put in an ICE candidate. Browsers leave
 * loopback out of their own candidates, so the default is the machine's first
 * external IPv4 address: a browser on this machine or the LAN can then reach the SFU.
 */
function announcedAddressFor(listenIp: string): string | undefined {
  if (listenIp !== '0.0.0.0' && listenIp !== '::') return undefined;
  for (const addresses of Object.values(os.networkInterfaces())) {
    for (const a of addresses ?? []) {
      if (a.family === 'IPv4' && !a.internal) return a.address;
    }
  }
  return '127.0.0.1';
}
