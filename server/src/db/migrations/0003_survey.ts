import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

/** The satisfaction survey: one-time invitations and anonymous answers, linked to the service session only. */
export const surveyMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('survey_invitation')
      .addColumn('token_hash', 'text', (c) => c.primaryKey())
      .addColumn('session_id', 'text', (c) => c.notNull().references('service_session.id').onDelete('cascade'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .addColumn('used_at', 'text')
      .execute();
    await db.schema
      .createTable('survey_answer')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('session_id', 'text', (c) => c.notNull().references('service_session.id').onDelete('cascade'))
      .addColumn('respondent', 'text', (c) => c.notNull())
      .addColumn('service_rating', 'integer')
      .addColumn('connection_rating', 'integer', (c) => c.notNull())
      .addColumn('comment', 'text')
      .addColumn('answered_at', 'text', (c) => c.notNull())
      .execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('survey_answer').execute();
    await db.schema.dropTable('survey_invitation').execute();
  },
};
