import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'kysely';
import { MediasoupSfu, defaultWorkerCount } from '@kanava/sfu';
import type { ServerConfig } from './config.ts';
import { openSqlite, type Db } from './db/database.ts';
import { seedDemoData } from './db/demoData.ts';
import { ServicePointRepository } from './db/ServicePointRepository.ts';
import { createHttpApp } from './http/app.ts';
import type { Logger } from './logger.ts';
import { createSignalling, type Signalling } from './signalling/socketServer.ts';

export interface RunningKanava {
  /** The base URL the server listens on, e.g. http://127.0.0.1:3000 */
  url: string;
  port: number;
  db: Db;
  signalling: Signalling;
  close(): Promise<void>;
}

/** The composition root: database, SFU, HTTP and signalling, wired once. */
export async function startKanava(config: ServerConfig, log: Logger, databaseFile = config.databaseFile): Promise<RunningKanava> {
  const db = await openSqlite(databaseFile, log);
  const points = new ServicePointRepository(db);
  if (config.demoData) await seedDemoData(points, log, new Date());

  const sfu = await MediasoupSfu.create(
    {
      numWorkers: config.sfu.numWorkers ?? defaultWorkerCount(),
      workerBin: config.sfu.workerBin,
      listenIp: config.sfu.listenIp,
      announcedAddress: config.sfu.announcedAddress,
      rtcMinPort: config.sfu.rtcMinPort,
      rtcMaxPort: config.sfu.rtcMaxPort,
      enableTcp: config.sfu.enableTcp,
      initialAvailableOutgoingBitrate: 1_000_000,
      logLevel: 'warn',
    },
    log,
  );

  const databaseReady = async () => {
    try {
      await sql`select 1`.execute(db);
      return true;
    } catch {
      return false;
    }
  };
  const app = createHttpApp({ points, sfu, clientDir: config.clientDir, log, databaseReady });
  const server = http.createServer(app);
  const signalling = createSignalling(server, { sfu, points, log });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  let closed = false;
  return {
    url: `http://${host}:${port}`,
    port,
    db,
    signalling,
    async close() {
      if (closed) return;
      closed = true;
      await signalling.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await sfu.close();
      await db.destroy();
    },
  };
}
