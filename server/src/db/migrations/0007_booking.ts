import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

/**
 * The booking service (issue 5). Portable types only. Double booking is prevented by
 * `booking_claim`'s primary key (expert, 5-minute cell): a booking inserts one row per
 * cell it occupies inside its transaction, so of two overlapping bookings the database
 * lets exactly one commit, on SQLite and PostgreSQL alike.
 */
export const bookingMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('bookable_rule')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('provider_id', 'text', (c) => c.notNull().references('provider.id'))
      .addColumn('service_id', 'text', (c) => c.notNull().references('service.id'))
      .addColumn('expert_id', 'text', (c) => c.notNull().references('staff_account.id'))
      .addColumn('weekday', 'text', (c) => c.notNull())
      .addColumn('from_time', 'text', (c) => c.notNull())
      .addColumn('to_time', 'text', (c) => c.notNull())
      .addColumn('slot_minutes', 'integer', (c) => c.notNull())
      .addColumn('buffer_minutes', 'integer', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('bookable_rule_service_idx').on('bookable_rule').column('service_id').execute();
    await db.schema.createIndex('bookable_rule_provider_idx').on('bookable_rule').column('provider_id').execute();

    await db.schema
      .createTable('booking_exception')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('provider_id', 'text', (c) => c.notNull().references('provider.id'))
      .addColumn('expert_id', 'text', (c) => c.references('staff_account.id'))
      .addColumn('date', 'text', (c) => c.notNull())
      .addColumn('from_time', 'text')
      .addColumn('to_time', 'text')
      .addColumn('note', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('booking_exception_provider_date_idx').on('booking_exception').columns(['provider_id', 'date']).execute();

    await db.schema
      .createTable('booking')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('ical_uid', 'text', (c) => c.notNull())
      .addColumn('sequence', 'integer', (c) => c.notNull())
      .addColumn('point_id', 'text', (c) => c.notNull().references('service_point.id'))
      .addColumn('provider_id', 'text', (c) => c.notNull().references('provider.id'))
      .addColumn('service_id', 'text', (c) => c.notNull().references('service.id'))
      .addColumn('expert_id', 'text', (c) => c.notNull().references('staff_account.id'))
      .addColumn('starts_at', 'text', (c) => c.notNull())
      .addColumn('ends_at', 'text', (c) => c.notNull())
      .addColumn('buffer_minutes', 'integer', (c) => c.notNull())
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('held_until', 'text')
      .addColumn('customer_name', 'text')
      .addColumn('customer_contact', 'text')
      .addColumn('customer_note', 'text')
      .addColumn('booked_by', 'text')
      .addColumn('cancel_reason', 'text')
      .addColumn('rescheduled_from', 'text')
      .addColumn('rescheduled_to', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('booking_expert_starts_idx').on('booking').columns(['expert_id', 'starts_at']).execute();
    await db.schema.createIndex('booking_point_starts_idx').on('booking').columns(['point_id', 'starts_at']).execute();
    await db.schema.createIndex('booking_state_held_idx').on('booking').columns(['state', 'held_until']).execute();

    await db.schema
      .createTable('booking_claim')
      .addColumn('expert_id', 'text', (c) => c.notNull())
      .addColumn('cell_at', 'text', (c) => c.notNull())
      .addColumn('booking_id', 'text', (c) => c.notNull().references('booking.id').onDelete('cascade'))
      // The rule against double booking: one booking per expert and 5-minute cell.
      .addPrimaryKeyConstraint('booking_claim_pk', ['expert_id', 'cell_at'])
      .execute();
    await db.schema.createIndex('booking_claim_booking_idx').on('booking_claim').column('booking_id').execute();

    await db.schema
      .createTable('booking_mail')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('booking_id', 'text', (c) => c.notNull().references('booking.id'))
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('sequence', 'integer', (c) => c.notNull())
      .addColumn('due_at', 'text', (c) => c.notNull())
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('last_error', 'text')
      .addColumn('claimed_at', 'text')
      .addColumn('sent_at', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      // One invitation, one cancellation and one reminder per booking row, ever.
      .addUniqueConstraint('booking_mail_booking_kind_unique', ['booking_id', 'kind'])
      .execute();
    await db.schema.createIndex('booking_mail_due_idx').on('booking_mail').columns(['state', 'due_at']).execute();

    await db.schema
      .createTable('point_arrival')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('point_id', 'text', (c) => c.notNull().references('service_point.id'))
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('booking_id', 'text', (c) => c.references('booking.id'))
      .addColumn('provider_id', 'text', (c) => c.notNull().references('provider.id'))
      .addColumn('service_id', 'text', (c) => c.notNull().references('service.id'))
      .addColumn('arrived_at', 'text', (c) => c.notNull())
      .addColumn('marked_by', 'text')
      .addColumn('attached_peer_id', 'text')
      .addColumn('attached_at', 'text')
      .addUniqueConstraint('point_arrival_booking_unique', ['booking_id'])
      .execute();
    await db.schema.createIndex('point_arrival_point_idx').on('point_arrival').columns(['point_id', 'arrived_at']).execute();
  },
  async down(db: Kysely<unknown>) {
    for (const t of ['point_arrival', 'booking_mail', 'booking_claim', 'booking', 'booking_exception', 'bookable_rule']) {
      await db.schema.dropTable(t).execute();
    }
  },
};
