import { randomBytes } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

const emptyHours = JSON.stringify({ weekly: { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] }, exceptions: [] });
const noEquipment = JSON.stringify({ documentCamera: false, printer: false, scanner: false, notes: '' });

/** A kiosk token: the secret half of a point's fixed link. 128 bits, URL-safe. */
export function newKioskToken(): string {
  return randomBytes(16).toString('base64url');
}

/**
 * The records of issue 4. Portable column types only (text, integer); SQLite takes one
 * ADD COLUMN per ALTER TABLE, so each column is its own statement.
 */
export const recordsMigration: Migration = {
  async up(db: Kysely<unknown>) {
    const pointColumns: [string, string][] = [
      ['street_address', ''],
      ['postal_code', ''],
      ['post_office', ''],
      ['contact_phone', ''],
      ['contact_email', ''],
      ['responsible_person', ''],
      ['opening_hours', emptyHours],
      ['equipment', noEquipment],
      ['status', 'draft'],
      ['kiosk_token', ''],
      ['updated_at', ''],
    ];
    for (const [name, dflt] of pointColumns) {
      await db.schema
        .alterTable('service_point')
        .addColumn(name, 'text', (c) => c.notNull().defaultTo(dflt))
        .execute();
    }
    // Points made before this migration get their own kiosk token and an update time.
    const existing = await sql<{ id: string; created_at: string }>`select id, created_at from service_point`.execute(db);
    for (const row of existing.rows) {
      await sql`update service_point set kiosk_token = ${newKioskToken()}, updated_at = ${row.created_at} where id = ${row.id}`.execute(db);
    }

    await db.schema
      .createTable('provider')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('code', 'text', (c) => c.notNull())
      .addColumn('name_fi', 'text', (c) => c.notNull())
      .addColumn('name_sv', 'text', (c) => c.notNull())
      .addColumn('name_en', 'text', (c) => c.notNull())
      .addColumn('contact_email', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addUniqueConstraint('provider_code_unique', ['code'])
      .execute();

    await db.schema
      .createTable('service')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('provider_id', 'text', (c) => c.notNull().references('provider.id'))
      .addColumn('code', 'text', (c) => c.notNull())
      .addColumn('name_fi', 'text', (c) => c.notNull())
      .addColumn('name_sv', 'text', (c) => c.notNull())
      .addColumn('name_en', 'text', (c) => c.notNull())
      .addColumn('classifications', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addUniqueConstraint('service_provider_code_unique', ['provider_id', 'code'])
      .execute();

    await db.schema
      .createTable('service_card')
      .addColumn('service_id', 'text', (c) => c.primaryKey().references('service.id').onDelete('cascade'))
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('text_body', 'text')
      .addColumn('pdf_base64', 'text')
      .addColumn('file_name', 'text')
      .addColumn('size', 'integer', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addColumn('updated_by', 'text')
      .execute();

    await db.schema
      .createTable('agreement')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('point_id', 'text', (c) => c.notNull().references('service_point.id'))
      .addColumn('provider_id', 'text', (c) => c.notNull().references('provider.id'))
      .addColumn('valid_from', 'text', (c) => c.notNull())
      .addColumn('valid_to', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addUniqueConstraint('agreement_point_provider_start_unique', ['point_id', 'provider_id', 'valid_from'])
      .execute();
    await db.schema.createIndex('agreement_provider_idx').on('agreement').column('provider_id').execute();

    await db.schema
      .createTable('agreement_service')
      .addColumn('agreement_id', 'text', (c) => c.notNull().references('agreement.id').onDelete('cascade'))
      .addColumn('service_id', 'text', (c) => c.notNull().references('service.id'))
      .addPrimaryKeyConstraint('agreement_service_pk', ['agreement_id', 'service_id'])
      .execute();

    await db.schema
      .createTable('staff_account')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('email', 'text', (c) => c.notNull())
      .addColumn('display_name', 'text', (c) => c.notNull())
      .addColumn('password_hash', 'text')
      .addColumn('oidc_subject', 'text')
      .addColumn('disabled', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('failed_sign_ins', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('locked_until', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addUniqueConstraint('staff_account_email_unique', ['email'])
      .addUniqueConstraint('staff_account_oidc_subject_unique', ['oidc_subject'])
      .execute();

    await db.schema
      .createTable('staff_role')
      .addColumn('account_id', 'text', (c) => c.notNull().references('staff_account.id').onDelete('cascade'))
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('scope_id', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('staff_role_pk', ['account_id', 'kind', 'scope_id'])
      .execute();
    await db.schema.createIndex('staff_role_scope_idx').on('staff_role').columns(['kind', 'scope_id']).execute();

    await db.schema
      .createTable('staff_session')
      .addColumn('token_hash', 'text', (c) => c.primaryKey())
      .addColumn('account_id', 'text', (c) => c.notNull().references('staff_account.id').onDelete('cascade'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .addColumn('last_seen_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('staff_session_account_idx').on('staff_session').column('account_id').execute();

    await db.schema
      .createTable('audit_log')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('actor_id', 'text')
      .addColumn('actor_name', 'text', (c) => c.notNull())
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('entity', 'text', (c) => c.notNull())
      .addColumn('entity_id', 'text', (c) => c.notNull())
      .addColumn('details', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('audit_log_entity_idx').on('audit_log').columns(['entity', 'entity_id']).execute();

    await db.schema
      .createTable('checklist_step')
      .addColumn('point_id', 'text', (c) => c.notNull().references('service_point.id'))
      .addColumn('step', 'text', (c) => c.notNull())
      .addColumn('done_at', 'text', (c) => c.notNull())
      .addColumn('done_by', 'text')
      .addColumn('details', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('checklist_step_pk', ['point_id', 'step'])
      .execute();
  },
  async down(db: Kysely<unknown>) {
    for (const t of ['checklist_step', 'audit_log', 'staff_session', 'staff_role', 'staff_account', 'agreement_service', 'agreement', 'service_card', 'service', 'provider']) {
      await db.schema.dropTable(t).execute();
    }
  },
};
