import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

/** Secrets the server nodes must share (the document link key), made once by the first node. */
export const serverSecretMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('server_secret')
      .addColumn('name', 'text', (c) => c.primaryKey())
      .addColumn('value_base64', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('server_secret').execute();
  },
};
