import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DateTime } from 'luxon';
import { pino } from 'pino';
import { startKanava, type RunningKanava } from '../../app.ts';
import { loadConfig } from '../../config.ts';
import type { Dialect } from '../../db/database.ts';
import { DEMO_PASSWORD } from '../../db/demoContent.ts';
import { freshPostgresDatabase } from '../../db/testing/testDatabases.ts';
import { ApiClient } from '../../http/routes/testing/apiClient.ts';
import { createMailer } from '../../records/mailer.ts';
import { ZONE } from '../../records/time.ts';
import { startSmtpSink, type SmtpSink } from './smtpSink.ts';

export interface BookingKanava {
  kanava: RunningKanava;
  smtp: SmtpSink;
  as(email: string): Promise<ApiClient>;
  stop(): Promise<void>;
}

/** A whole Kanava with demo data whose mail goes over real SMTP to a sink the test reads. */
export async function startBookingKanava(dialect: Dialect, env: Record<string, string> = {}): Promise<BookingKanava> {
  const smtp = await startSmtpSink();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kanava-booking-'));
  const config = loadConfig(
    {
      KANAVA_PORT: '0',
      KANAVA_HOST: '127.0.0.1',
      KANAVA_RTC_LISTEN_IP: '127.0.0.1',
      KANAVA_SFU_WORKERS: '1',
      KANAVA_DATA_DIR: dataDir,
      KANAVA_CLIENT_DIR: dataDir,
      KANAVA_SMTP_URL: smtp.url,
      KANAVA_MAIL_FROM: 'Kanava <kanava@kanava.test>',
      ...(process.env.MEDIASOUP_WORKER_BIN ? { MEDIASOUP_WORKER_BIN: process.env.MEDIASOUP_WORKER_BIN } : {}),
      ...env,
    },
    process.cwd(),
  );
  const log = pino({ level: 'silent' });
  const pgDb = dialect === 'postgres' ? await freshPostgresDatabase() : undefined;
  const kanava = await startKanava(config, log, {
    databaseFile: ':memory:',
    ...(pgDb ? { databaseUrl: pgDb.url } : {}),
    mailer: createMailer(config.mail, log),
  });
  return {
    kanava,
    smtp,
    async as(email) {
      const c = new ApiClient(kanava.url);
      const status = await c.signIn(email, DEMO_PASSWORD);
      if (status !== 200) throw new Error(`sign-in of ${email}: ${status}`);
      return c;
    },
    async stop() {
      await kanava.close();
      await smtp.close();
      await pgDb?.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The next last Sunday of a month (3: March, 10: October) at least a week ahead, as a Helsinki date. */
export function nextLastSunday(month: 3 | 10, now = new Date()): string {
  const today = DateTime.fromJSDate(now, { zone: ZONE });
  for (let year = today.year; ; year++) {
    const end = DateTime.fromObject({ year, month, day: 1 }, { zone: ZONE }).endOf('month').startOf('day');
    const sunday = end.minus({ days: end.weekday % 7 });
    if (sunday > today.plus({ days: 7 })) return sunday.toISODate() ?? '';
  }
}

/** The next date (at least `after` days ahead) that falls on a weekday, 1 = Monday … 7 = Sunday. */
export function nextWeekday(weekday: number, after = 2, now = new Date()): string {
  let d = DateTime.fromJSDate(now, { zone: ZONE }).startOf('day').plus({ days: after });
  while (d.weekday !== weekday) d = d.plus({ days: 1 });
  return d.toISODate() ?? '';
}

export const helsinki = (date: string, time: string) => DateTime.fromISO(`${date}T${time}`, { zone: ZONE }).toJSDate().toISOString();
