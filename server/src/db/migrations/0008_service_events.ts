import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

/**
 * Service events: one per service session, written when it ends (`id` is the session's id).
 * Structured parts (advisors, quality, forms) are JSON text parsed by zod on read; the columns
 * reports group and filter by are plain columns.
 */
export const serviceEventsMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('service_event')
      .addColumn('id', 'text', (c) => c.primaryKey().references('service_session.id').onDelete('cascade'))
      .addColumn('point_id', 'text', (c) => c.notNull().references('service_point.id'))
      .addColumn('provider_id', 'text', (c) => c.references('provider.id'))
      .addColumn('service_id', 'text', (c) => c.references('service.id'))
      .addColumn('booking_id', 'text')
      .addColumn('expert_account_id', 'text')
      .addColumn('expert_name', 'text', (c) => c.notNull())
      .addColumn('advisors', 'text', (c) => c.notNull())
      .addColumn('admitted_at', 'text', (c) => c.notNull())
      .addColumn('ended_at', 'text', (c) => c.notNull())
      .addColumn('duration_s', 'integer', (c) => c.notNull())
      .addColumn('lobby_wait_s', 'integer')
      .addColumn('below_minimum_ms', 'integer', (c) => c.notNull())
      .addColumn('quality', 'text', (c) => c.notNull())
      .addColumn('forms', 'text', (c) => c.notNull())
      .addColumn('classification_code', 'text')
      .addColumn('classification_note', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('classified_by_name', 'text')
      .addColumn('classified_at', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('service_event_admitted').on('service_event').columns(['admitted_at']).execute();
    await db.schema.createIndex('service_event_point_admitted').on('service_event').columns(['point_id', 'admitted_at']).execute();
    await db.schema.createIndex('service_event_provider_admitted').on('service_event').columns(['provider_id', 'admitted_at']).execute();

    await db.schema
      .createTable('service_event_rating')
      .addColumn('event_id', 'text', (c) => c.notNull().references('service_event.id').onDelete('cascade'))
      .addColumn('account_id', 'text', (c) => c.notNull())
      .addColumn('account_name', 'text', (c) => c.notNull())
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('rating', 'integer', (c) => c.notNull())
      .addColumn('rated_at', 'text', (c) => c.notNull())
      // One rating per staff member and event: a second one replaces the first.
      .addPrimaryKeyConstraint('service_event_rating_pk', ['event_id', 'account_id'])
      .execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('service_event_rating').execute();
    await db.schema.dropTable('service_event').execute();
  },
};
