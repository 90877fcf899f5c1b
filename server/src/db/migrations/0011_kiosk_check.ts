import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

/** The latest pre-call check of each point's kiosk: the checklist's equipment and network test reads it. */
export const kioskCheckMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('kiosk_check')
      .addColumn('point_id', 'text', (c) => c.primaryKey().references('service_point.id').onDelete('cascade'))
      .addColumn('measured_at', 'text', (c) => c.notNull())
      .addColumn('up_kbps', 'integer', (c) => c.notNull())
      .addColumn('down_kbps', 'integer', (c) => c.notNull())
      .addColumn('camera_width', 'integer')
      .addColumn('camera_height', 'integer')
      .addColumn('camera_fps', 'real')
      .addColumn('microphone', 'integer', (c) => c.notNull())
      .addColumn('overall', 'text', (c) => c.notNull())
      .addColumn('recorded_at', 'text', (c) => c.notNull())
      .execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('kiosk_check').execute();
  },
};
