import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { startKanava, type RunningKanava } from '../../../app.ts';
import { loadConfig } from '../../../config.ts';
import type { Dialect } from '../../../db/database.ts';
import { freshPostgresDatabase } from '../../../db/testing/testDatabases.ts';
import type { MailMessage, Mailer } from '../../../records/mailer.ts';

/** Mail that the tests read instead of sending. */
export class MailOutbox implements Mailer {
  readonly sent: MailMessage[] = [];
  async send(m: MailMessage) {
    this.sent.push(m);
    return { messageId: `<test-${this.sent.length}@kanava.test>` };
  }
}

export interface TestKanava {
  kanava: RunningKanava;
  outbox: MailOutbox;
  stop(): Promise<void>;
}

/** A whole Kanava with demo data on SQLite (in memory) or on its own PostgreSQL database. */
export async function startTestKanava(dialect: Dialect, env: Record<string, string> = {}): Promise<TestKanava> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kanava-api-'));
  const config = loadConfig(
    {
      KANAVA_PORT: '0',
      KANAVA_HOST: '127.0.0.1',
      KANAVA_RTC_LISTEN_IP: '127.0.0.1',
      KANAVA_SFU_WORKERS: '1',
      KANAVA_DATA_DIR: dataDir,
      KANAVA_CLIENT_DIR: dataDir,
      ...(process.env.MEDIASOUP_WORKER_BIN ? { MEDIASOUP_WORKER_BIN: process.env.MEDIASOUP_WORKER_BIN } : {}),
      ...env,
    },
    process.cwd(),
  );
  const pgDb = dialect === 'postgres' ? await freshPostgresDatabase() : undefined;
  const outbox = new MailOutbox();
  const kanava = await startKanava(config, pino({ level: 'silent' }), {
    databaseFile: ':memory:',
    ...(pgDb ? { databaseUrl: pgDb.url } : {}),
    mailer: outbox,
  });
  return {
    kanava,
    outbox,
    async stop() {
      await kanava.close();
      await pgDb?.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
