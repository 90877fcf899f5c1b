import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

/**
 * Shared documents, form templates, form instances and submitted matters. PDFs are base64
 * text and Yjs state is base64 text: one portable column type on both databases.
 */
export const documentsFormsMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('session_document')
      .addColumn('id', 'text', (c) => c.primaryKey())
      // Null while an upload waits for its uploader to share it in a session.
      .addColumn('session_id', 'text', (c) => c.references('service_session.id').onDelete('cascade'))
      .addColumn('uploaded_by_account_id', 'text')
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('service_id', 'text')
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('pages', 'integer', (c) => c.notNull())
      .addColumn('size', 'integer', (c) => c.notNull())
      .addColumn('sha256', 'text', (c) => c.notNull())
      .addColumn('pdf_base64', 'text', (c) => c.notNull())
      .addColumn('allow_download', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('shared_by_name', 'text')
      .addColumn('shared_at', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('session_document_session').on('session_document').columns(['session_id', 'shared_at']).execute();

    await db.schema
      .createTable('form_template')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('service_id', 'text', (c) => c.notNull().references('service.id'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('fields', 'text', (c) => c.notNull())
      .addColumn('pdf_base64', 'text')
      .addColumn('pdf_file_name', 'text')
      .addColumn('pdf_field_names', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('form_template_service').on('form_template').column('service_id').execute();

    await db.schema
      .createTable('form_instance')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('session_id', 'text', (c) => c.notNull().references('service_session.id').onDelete('cascade'))
      .addColumn('template_id', 'text', (c) => c.notNull().references('form_template.id'))
      // The template as it was when the form was opened: a later edit of the template does not change a form being filled.
      .addColumn('template', 'text', (c) => c.notNull())
      .addColumn('service_name', 'text', (c) => c.notNull())
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('ydoc_state', 'text', (c) => c.notNull())
      .addColumn('opened_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('form_instance_session').on('form_instance').columns(['session_id', 'opened_at']).execute();

    await db.schema
      .createTable('submitted_matter')
      .addColumn('id', 'text', (c) => c.primaryKey())
      // One matter per form: a second submit (another tab, a retry) cannot file it twice.
      .addColumn('form_instance_id', 'text', (c) => c.notNull().unique().references('form_instance.id').onDelete('cascade'))
      .addColumn('session_id', 'text', (c) => c.notNull().references('service_session.id').onDelete('cascade'))
      .addColumn('receipt_number', 'text', (c) => c.notNull().unique())
      .addColumn('submitted_at', 'text', (c) => c.notNull())
      .addColumn('submitted_by_name', 'text', (c) => c.notNull())
      .addColumn('values_json', 'text', (c) => c.notNull())
      .addColumn('pdf_base64', 'text', (c) => c.notNull())
      .addColumn('sha256', 'text', (c) => c.notNull())
      .execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('submitted_matter').execute();
    await db.schema.dropTable('form_instance').execute();
    await db.schema.dropTable('form_template').execute();
    await db.schema.dropTable('session_document').execute();
  },
};
