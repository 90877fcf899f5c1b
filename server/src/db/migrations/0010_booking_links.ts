import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

/**
 * Personal links for customers who take part in a booking from home (issue 5). Only the
 * SHA-256 of the link's token is stored; the token itself is signed with the server's
 * booking link key, so the mail job can write it into the e-mail without keeping it.
 */
export const bookingLinksMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('booking_link')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('booking_id', 'text', (c) => c.notNull().unique().references('booking.id'))
      .addColumn('token_hash', 'text', (c) => c.notNull().unique())
      .addColumn('email', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('revoked_at', 'text')
      .addColumn('revoked_reason', 'text')
      .execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('booking_link').execute();
  },
};
