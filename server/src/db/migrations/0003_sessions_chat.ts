import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

/** Service sessions (one customer served) and their chat. Portable types only. */
export const sessionsChatMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('service_session')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('point_id', 'text', (c) => c.notNull().references('service_point.id'))
      .addColumn('admitted_by_name', 'text', (c) => c.notNull())
      .addColumn('admitted_by_account_id', 'text')
      .addColumn('started_at', 'text', (c) => c.notNull())
      .addColumn('ended_at', 'text')
      .execute();
    await db.schema.createIndex('service_session_point_started').on('service_session').columns(['point_id', 'started_at']).execute();

    await db.schema
      .createTable('chat_message')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('session_id', 'text', (c) => c.notNull().references('service_session.id').onDelete('cascade'))
      .addColumn('seq', 'integer', (c) => c.notNull())
      .addColumn('sender_peer_id', 'text', (c) => c.notNull())
      .addColumn('sender_name', 'text', (c) => c.notNull())
      .addColumn('sender_role', 'text', (c) => c.notNull())
      .addColumn('text', 'text', (c) => c.notNull())
      .addColumn('sent_at', 'text', (c) => c.notNull())
      // The order of a conversation is decided by the database: two messages never share a place.
      .addUniqueConstraint('chat_message_session_seq', ['session_id', 'seq'])
      .execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('chat_message').execute();
    await db.schema.dropTable('service_session').execute();
  },
};
