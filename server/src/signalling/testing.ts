import { pino } from 'pino';
import { io, type Socket } from 'socket.io-client';
import {
  PROTOCOL_VERSION,
  ProviderIdSchema,
  StaffUserIdSchema,
  type AckResult,
  type PublicServicePoint,
  type StaffUser,
} from '@kanava/shared';
import type { PointAccess, StaffAuthenticator } from '../access/AccessPolicy.ts';
import { startKanava, type RunningKanava } from '../app.ts';
import { loadConfig, type ServerConfig } from '../config.ts';
import { ServicePointRepository } from '../db/ServicePointRepository.ts';
import type { Logger } from '../logger.ts';

/** Staff known to the signalling tests by a cookie value; a stand-in for the records module, in tests only. */
export const testStaff: Record<string, StaffUser> = {
  mikko: { id: StaffUserIdSchema.parse('u-mikko'), displayName: 'Mikko (Kela)', email: 'mikko@test', roles: [{ kind: 'expert', providerId: ProviderIdSchema.parse('kela') }] },
  ella: { id: StaffUserIdSchema.parse('u-ella'), displayName: 'Ella (Kela)', email: 'ella@test', roles: [{ kind: 'expert', providerId: ProviderIdSchema.parse('kela') }] },
  sanna: { id: StaffUserIdSchema.parse('u-sanna'), displayName: 'Sanna', email: 'sanna@test', roles: [] },
};
export const KIOSK_TOKEN = 'kiosk-secret-for-tests';

/** Starts a real server (real SFU, in-memory SQLite) whose staff and kiosk tokens come from the table above. */
export async function startTestKanava(
  overrides: {
    escalateAfterMs?: number;
    reconnectGraceMs?: number;
    turn?: ServerConfig['turn'];
    /** One node of several sharing rooms through Redis (cluster tests). */
    cluster?: ServerConfig['cluster'];
    /** PostgreSQL shared by the nodes instead of an in-memory SQLite of its own. */
    databaseUrl?: string;
    /** Logs to see while debugging a test (silent by default). */
    log?: Logger;
  } = {},
): Promise<RunningKanava> {
  const config = loadConfig(
    { KANAVA_PORT: '0', KANAVA_HOST: '127.0.0.1', KANAVA_RTC_LISTEN_IP: '127.0.0.1', KANAVA_SFU_WORKERS: '1', KANAVA_CLIENT_DIR: '/nonexistent' },
    process.cwd(),
  );
  let points: ServicePointRepository | undefined;
  const staff: StaffAuthenticator = {
    async fromCookieHeader(cookie) {
      const name = /(?:^|;\s*)test-staff=(\w+)/.exec(cookie ?? '')?.[1];
      const user = name ? testStaff[name] : undefined;
      if (!user || name !== 'sanna') return user;
      const [point] = await kuhmo();
      return point ? { ...user, roles: [{ kind: 'advisor', pointId: point.id }] } : user;
    },
  };
  const kuhmo = async (): Promise<PublicServicePoint[]> => {
    const point = await points?.list();
    return (point ?? []).filter((p) => p.slug === 'kuhmo');
  };
  const pointAccess: PointAccess = {
    async providersServing() {
      return [ProviderIdSchema.parse('kela')];
    },
    async pointsOf() {
      return kuhmo();
    },
    async verifyKioskToken(slug, token) {
      return slug === 'kuhmo' && token === KIOSK_TOKEN;
    },
  };
  const kanava = await startKanava(
    {
      ...config,
      sfu: { ...config.sfu, workerBin: process.env.MEDIASOUP_WORKER_BIN },
      lobby: { escalateAfterMs: overrides.escalateAfterMs ?? 300_000, reconnectGraceMs: overrides.reconnectGraceMs ?? 60_000 },
      turn: overrides.turn,
      cluster: overrides.cluster,
    },
    overrides.log ?? pino({ level: 'silent' }),
    { databaseFile: ':memory:', access: { staff, points: pointAccess }, ...(overrides.databaseUrl ? { databaseUrl: overrides.databaseUrl } : {}) },
  );
  points = new ServicePointRepository(kanava.db);
  return kanava;
}

export function connect(kanava: RunningKanava, options: { staff?: string; protocolVersion?: unknown } = {}): Promise<Socket> {
  const socket = io(kanava.url, {
    transports: ['websocket'],
    auth: { protocolVersion: options.protocolVersion ?? PROTOCOL_VERSION },
    reconnection: false,
    forceNew: true,
    ...(options.staff ? { extraHeaders: { cookie: `test-staff=${options.staff}` } } : {}),
  });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
  });
}

export function request(socket: Socket, name: string, payload: unknown): Promise<AckResult<Record<string, unknown>>> {
  return socket.timeout(5000).emitWithAck(name, payload);
}

export async function ok(socket: Socket, name: string, payload: unknown): Promise<Record<string, unknown>> {
  const res = await request(socket, name, payload);
  if (!res.ok) throw new Error(`${name}: ${res.error.code} ${res.error.message}`);
  return res.data;
}

export function nextEvent(socket: Socket, event: string): Promise<unknown> {
  return new Promise((resolve) => socket.once(event, resolve));
}
