import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'kysely';
import type { ServerConfig } from './config.ts';
import { openDatabase, type Db } from './db/database.ts';
import { seedDemoData, type DemoSummary } from './db/demoData.ts';
import { RecordsPointAccess } from './access/RecordsPointAccess.ts';
import { OidcSignIn } from './auth/oidc.ts';
import { StaffSessions } from './auth/StaffSessions.ts';
import { createApiRouter } from './http/routes/index.ts';
import { dbQualityOptions } from './quality/qualityRecords.ts';
import { startBooking } from './booking/BookingModule.ts';
import { seedDemoBookings } from './booking/demoBookings.ts';
import { lobbyOfRooms } from './booking/roomsLobby.ts';
import { createMailer, type Mailer } from './records/mailer.ts';
import { Records } from './records/Records.ts';
import { createHttpApp } from './http/app.ts';
import type { Logger } from './logger.ts';
import type { Access } from './signalling/context.ts';
import { createSignalling, type Signalling } from './signalling/socketServer.ts';
import { createSfu } from './sfu/createSfu.ts';
import { ChatRepository } from './chat/ChatRepository.ts';
import { startChatRetention } from './chat/chatRetention.ts';
import { ClusterNode } from './cluster/ClusterNode.ts';
import { connectRedis } from './cluster/redis.ts';
import { redisJobLock, singleNode } from './cluster/runExclusively.ts';
import { ServiceSessionRepository } from './sessions/ServiceSessionRepository.ts';
import { createMaterialRouter, createSessionMaterial } from './documents/material.ts';
import { documentLinkKey } from './documents/linkKey.ts';
import { seedDemoForms } from './forms/demoForms.ts';
import { seedDemoEvents } from './events/demoEvents.ts';
import { KanavaMetrics } from './metrics/metrics.ts';
import { SurveyRepository } from './survey/SurveyRepository.ts';
import { surveyRoutes } from './survey/surveyRoutes.ts';
import type { RoomRegistry } from './rooms/RoomRegistry.ts';
import { EventRecorder } from './events/EventRecorder.ts';
import { startEventRetention } from './events/eventRetention.ts';

export interface RunningKanava {
  /** The base URL the server listens on, e.g. http://127.0.0.1:3000 */
  url: string;
  port: number;
  db: Db;
  signalling: Signalling;
  access: Access;
  records: Records;
  /** The demo accounts and kiosk links, when demo data is on. */
  demo: DemoSummary | undefined;
  close(): Promise<void>;
}

/** The composition root: database, SFU, HTTP and signalling, wired once. */
export interface StartOptions {
  databaseFile?: string;
  /** Who may enter which room; defaults to the records module's answers. */
  access?: Access;
  /** PostgreSQL URL instead of config.databaseUrl (tests give each run its own database). */
  databaseUrl?: string;
  /** Where e-mail goes instead of the configured transport (tests). */
  mailer?: Mailer;
}

export async function startKanava(config: ServerConfig, log: Logger, options: StartOptions = {}): Promise<RunningKanava> {
  const databaseFile = options.databaseFile ?? config.databaseFile;
  const db = await openDatabase({ databaseUrl: options.databaseUrl ?? config.databaseUrl, databaseFile }, log);
  const records = new Records(db);
  const points = records.repos.points;
  const demo = config.demoData ? await seedDemoData(records, log, new Date()) : undefined;
  if (config.demoData) await seedDemoForms(records, new Date());
  if (config.demoData) await seedDemoEvents(db, log, new Date());
  const sessions = new StaffSessions(records, config.auth, log);
  const cookies = { secure: config.auth.secureCookies };
  const oidc = config.auth.oidc ? new OidcSignIn(config.auth.oidc, records, log, cookies) : undefined;
  const mailer = options.mailer ?? createMailer(config.mail, log);

  const sfu = await createSfu(config.sfu, log);

  const databaseReady = async () => {
    try {
      await sql`select 1`.execute(db);
      return true;
    } catch {
      return false;
    }
  };
  // The URL people open (links in e-mails): the configured one, else where we listen (known after listen).
  let listeningUrl = '';
  const publicUrl = () => (config.publicUrl ?? listeningUrl).replace(/\/$/, '');
  // Several nodes (REDIS_URL): rooms, broadcasts and scheduled jobs are shared through Redis (cluster/).
  const redis = config.cluster ? connectRedis(config.cluster.redisUrl, log) : undefined;
  const jobs = redis ? redisJobLock(redis.cmd, log) : singleNode;
  const booking = await startBooking({ db, mailer, mailFrom: config.mail.from, publicUrl, config: config.booking, log, lock: jobs });
  if (config.demoData) await seedDemoBookings(booking.context.store, log, new Date());
  const surveys = new SurveyRepository(db);
  const material = createSessionMaterial({ db, records, log, linkKey: await documentLinkKey(db, config.documents.linkKey) });
  const apiRouters = [
    createMaterialRouter({ material, records, staff: options.access?.staff ?? sessions, log }),
    surveyRoutes(surveys),
    createApiRouter({ records, sessions, cookies, oidc, mailer, publicUrl, signInRateLimitPerMinute: config.auth.signInRateLimitPerMinute, log, booking: booking.context, events: { db, records, now: () => new Date(), log } }),
  ];
  let signallingRooms: RoomRegistry | undefined;
  const metrics = new KanavaMetrics({ rooms: () => signallingRooms, sfu });
  const app = createHttpApp({
    points,
    sfu,
    clientDir: config.clientDir,
    log,
    databaseReady,
    ...(redis ? { redisReady: redis.ready } : {}),
    apiRouters,
    metrics: { registry: metrics.registry, token: config.metricsToken },
  });
  const server = http.createServer(app);
  const access: Access = options.access ?? { staff: sessions, points: new RecordsPointAccess(records) };
  const chat = new ChatRepository(db);
  const sessionRecords = new ServiceSessionRepository(db);
  const chatRetention = startChatRetention(chat, config.retention.chatDays, log, jobs);
  const cluster =
    redis && config.cluster ? new ClusterNode({ redis, nodeId: config.cluster.nodeId, leaseMs: config.cluster.roomLeaseMs, points, log }) : undefined;
  const eventRetention = startEventRetention(db, config.events.retention, log, jobs);
  // One incident store for the quality service and the service events that summarise it.
  // Policies per service from the records, incidents and session summaries stored, overrides audited.
  const qualityRecords = dbQualityOptions(db);
  const incidents = qualityRecords.incidents;
  const signalling = createSignalling(server, {
    sfu,
    points,
    access,
    chat,
    sessionRecords,
    arrivals: booking.arrivals,
    material,
    metrics,
    surveys,
    quality: qualityRecords,
    serviceEvents: new EventRecorder({ db, incidents, log }),
    turn: config.turn,
    ...(cluster ? { cluster } : {}),
    log,
    rooms: { escalateAfterMs: config.lobby.escalateAfterMs, reconnectGraceMs: config.lobby.reconnectGraceMs, bookedExpertFirstMs: config.booking.expertFirstMs },
  });
  signallingRooms = signalling.rooms;
  await signalling.ready;
  booking.arrivals.connectLobby(lobbyOfRooms(signalling.rooms));

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  listeningUrl = `http://${host}:${port}`;
  let closed = false;
  return {
    url: `http://${host}:${port}`,
    port,
    db,
    signalling,
    access,
    records,
    demo,
    async close() {
      if (closed) return;
      closed = true;
      chatRetention.stop();
      eventRetention.stop();
      await booking.close();
      await signalling.close();
      await redis?.close();
      await material.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await sfu.close();
      await db.destroy();
    },
  };
}
