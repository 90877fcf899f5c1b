import fs from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, type Transaction } from 'kysely';
import pg from 'pg';
import { Migrator } from 'kysely/migration';
import type { Logger } from '../logger.ts';
import { migrationProvider } from './migrations.ts';
import type { Database } from './schema.ts';

export type Db = Kysely<Database>;
/** A database handle or an open transaction: repositories work on either. */
export type DbOrTx = Kysely<Database> | Transaction<Database>;

export type Dialect = 'sqlite' | 'postgres';

/** Where the records live: PostgreSQL when a URL is given, else the embedded SQLite file. */
export interface DatabaseLocation {
  databaseUrl?: string | undefined;
  databaseFile: string;
}

export async function openDatabase(where: DatabaseLocation, log: Logger): Promise<Db> {
  return where.databaseUrl ? openPostgres(where.databaseUrl, log) : openSqlite(where.databaseFile, log);
}

/** Opens PostgreSQL (many server nodes share it) and brings its schema up to date. */
export async function openPostgres(url: string, log: Logger, options: { migrate?: boolean } = {}): Promise<Db> {
  // An unreachable database fails a request within seconds (HTTP 503 / `unavailable`) instead of hanging it.
  const pool = new pg.Pool({ connectionString: url, max: 10, connectionTimeoutMillis: 5000 });
  pool.on('error', (err) => log.error({ err }, 'idle PostgreSQL connection failed'));
  // A connection that breaks while checked out (PostgreSQL restarted or unreachable) fails its query; its
  // 'error' event must not go unheard, or it would end the process.
  pool.on('connect', (client) => client.on('error', (err) => log.warn({ err: err.message }, 'PostgreSQL connection lost')));
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  try {
    if (options.migrate !== false) await migrate(db, log);
  } catch (err) {
    await db.destroy();
    throw err;
  }
  return db;
}

/** Opens the embedded SQLite file (':memory:' for tests) and brings its schema up to date. */
export async function openSqlite(file: string, log: Logger, options: { migrate?: boolean } = {}): Promise<Db> {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new SqliteDatabase(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  if (options.migrate !== false) await migrate(db, log);
  return db;
}

export async function migrate(db: Db, log: Logger): Promise<void> {
  const migrator = new Migrator({ db, provider: migrationProvider });
  const { error, results } = await migrator.migrateToLatest();
  for (const r of results ?? []) {
    if (r.status === 'Success') log.info({ migration: r.migrationName }, 'migration applied');
    else if (r.status === 'Error') log.error({ migration: r.migrationName }, 'migration failed');
  }
  if (error) throw error instanceof Error ? error : new Error(String(error));
}
