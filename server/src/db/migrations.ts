import type { Kysely } from 'kysely';
import type { Migration, MigrationProvider } from 'kysely/migration';
import { recordsMigration } from './migrations/0002_records.ts';
import { sessionsChatMigration } from './migrations/0003_sessions_chat.ts';
import { bookingMigration } from './migrations/0007_booking.ts';
import { documentsFormsMigration } from './migrations/0006_documents_forms.ts';
import { surveyMigration } from './migrations/0003_survey.ts';
import { serviceEventsMigration } from './migrations/0008_service_events.ts';
import { serverSecretMigration } from './migrations/0008_server_secret.ts';
import { kioskCheckMigration } from './migrations/0011_kiosk_check.ts';
import { kioskCheckUploadMigration } from './migrations/0012_kiosk_check_upload.ts';
import { qualityRecordsMigration } from './migrations/0009_quality_records.ts';
import { bookingLinksMigration } from './migrations/0010_booking_links.ts';

/** One migration set for SQLite and PostgreSQL; only portable column types are used. */
const migrations: Record<string, Migration> = {
  '0001_service_point': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('service_point')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('slug', 'text', (c) => c.notNull().unique())
        .addColumn('name_fi', 'text', (c) => c.notNull())
        .addColumn('name_sv', 'text', (c) => c.notNull())
        .addColumn('municipality', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable('service_point').execute();
    },
  },
  '0002_records': recordsMigration,
  '0003_sessions_chat': sessionsChatMigration,
  '0007_booking': bookingMigration,
  '0006_documents_forms': documentsFormsMigration,
  '0003_survey': surveyMigration,
  '0008_service_events': serviceEventsMigration,
  '0008_server_secret': serverSecretMigration,
  '0011_kiosk_check': kioskCheckMigration,
  '0009_quality_records': qualityRecordsMigration,
  '0010_booking_links': bookingLinksMigration,
  '0012_kiosk_check_upload': kioskCheckUploadMigration,
};

export const migrationProvider: MigrationProvider = {
  async getMigrations() {
    return migrations;
  },
};
