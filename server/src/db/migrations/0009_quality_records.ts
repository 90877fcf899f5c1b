import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

/**
 * Quality records (issue 9): the policy per service and the platform's default, the
 * incidents of each service session, and each session's quality summary. Portable types only.
 */
export const qualityRecordsMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('quality_policy')
      .addColumn('scope_id', 'text', (c) => c.primaryKey())
      .addColumn('mode', 'text', (c) => c.notNull())
      .addColumn('min_up_kbps', 'integer', (c) => c.notNull())
      .addColumn('recommended_up_kbps', 'integer', (c) => c.notNull())
      .addColumn('min_down_kbps', 'integer', (c) => c.notNull())
      .addColumn('recommended_down_kbps', 'integer', (c) => c.notNull())
      .addColumn('min_width', 'integer', (c) => c.notNull())
      .addColumn('min_height', 'integer', (c) => c.notNull())
      .addColumn('min_frame_rate', 'integer', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addColumn('updated_by', 'text')
      .execute();

    await db.schema
      .createTable('quality_incident')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('room_id', 'text', (c) => c.notNull())
      .addColumn('session_id', 'text')
      .addColumn('peer_id', 'text', (c) => c.notNull())
      .addColumn('started_at', 'text', (c) => c.notNull())
      .addColumn('ended_at', 'text')
      .addColumn('reasons', 'text', (c) => c.notNull())
      .addColumn('worst', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('quality_incident_session_idx').on('quality_incident').columns(['room_id', 'session_id', 'started_at']).execute();

    await db.schema
      .createTable('quality_session_summary')
      .addColumn('session_id', 'text', (c) => c.primaryKey())
      .addColumn('room_id', 'text', (c) => c.notNull())
      .addColumn('started_at', 'text', (c) => c.notNull())
      .addColumn('ended_at', 'text', (c) => c.notNull())
      .addColumn('measured_ms', 'integer', (c) => c.notNull())
      .addColumn('below_up_ms', 'integer', (c) => c.notNull())
      .addColumn('below_down_ms', 'integer', (c) => c.notNull())
      .addColumn('below_camera_ms', 'integer', (c) => c.notNull())
      .addColumn('below_any_ms', 'integer', (c) => c.notNull())
      .addColumn('worst', 'text', (c) => c.notNull())
      .addColumn('lowest_width', 'integer')
      .addColumn('lowest_height', 'integer')
      .addColumn('incident_count', 'integer', (c) => c.notNull())
      .addColumn('policy', 'text', (c) => c.notNull())
      .addColumn('overrides', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('quality_session_summary').execute();
    await db.schema.dropTable('quality_incident').execute();
    await db.schema.dropTable('quality_policy').execute();
  },
};
