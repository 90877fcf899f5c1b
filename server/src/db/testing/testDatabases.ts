import { pino } from 'pino';
import pg from 'pg';
import { inject } from 'vitest';
import { openPostgres, openSqlite, type Db, type Dialect } from '../database.ts';

/** Every repository test runs on both databases Kanava supports. */
export const dialects: readonly Dialect[] = ['sqlite', 'postgres'];

export interface TestDatabase {
  dialect: Dialect;
  db: Db;
  /** The PostgreSQL URL of this test's own database (undefined on SQLite). */
  url: string | undefined;
  close(): Promise<void>;
}

/** A fresh, empty, migrated PostgreSQL database in the test cluster, dropped by `drop`. */
export async function freshPostgresDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const admin = inject('postgresUrl');
  const name = `kanava_test_${crypto.randomUUID().replaceAll('-', '')}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  await client.query(`create database ${name}`);
  await client.end();
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return {
    url: url.href,
    async drop() {
      const c = new pg.Client({ connectionString: admin });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

/** A fresh database; `migrated: false` leaves it empty (for testing the migrations themselves). */
export async function openTestDatabase(dialect: Dialect, { migrated = true } = {}): Promise<TestDatabase> {
  const log = pino({ level: 'silent' });
  if (dialect === 'sqlite') {
    const db = await openSqlite(':memory:', log, { migrate: migrated });
    return { dialect, db, url: undefined, close: () => db.destroy() };
  }
  const { url, drop } = await freshPostgresDatabase();
  const db = await openPostgres(url, log, { migrate: migrated });
  return {
    dialect,
    db,
    url,
    async close() {
      await db.destroy();
      await drop();
    },
  };
}
