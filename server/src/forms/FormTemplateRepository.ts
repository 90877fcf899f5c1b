import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import {
  FormFieldSchema,
  FormTemplateIdSchema,
  FormTemplateSchema,
  LocalizedTextSchema,
  type FormTemplate,
  type FormTemplateId,
  type FormTemplateInput,
  type ServiceId,
} from '@kanava/shared';
import type { DbOrTx } from '../db/database.ts';
import type { FormTemplateTable } from '../documents/tables.ts';

const FieldNames = z.array(z.string());

/** A template with the provider's PDF (when it has one), as the PDF filler needs it. */
export interface TemplateWithPdf {
  template: FormTemplate;
  pdf: Uint8Array | null;
}

/** Form templates per service, defined by the provider's admins. */
export class FormTemplateRepository {
  readonly #db: DbOrTx;

  constructor(db: DbOrTx) {
    this.#db = db;
  }

  async listByService(serviceIds: readonly ServiceId[]): Promise<FormTemplate[]> {
    if (serviceIds.length === 0) return [];
    const rows = await this.#db.selectFrom('form_template').selectAll().where('service_id', 'in', serviceIds).orderBy('created_at').execute();
    return rows.map(toTemplate);
  }

  async get(id: FormTemplateId): Promise<FormTemplate | undefined> {
    const row = await this.#db.selectFrom('form_template').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toTemplate(row) : undefined;
  }

  async withPdf(id: FormTemplateId): Promise<TemplateWithPdf | undefined> {
    const row = await this.#db.selectFrom('form_template').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? { template: toTemplate(row), pdf: row.pdf_base64 ? Buffer.from(row.pdf_base64, 'base64') : null } : undefined;
  }

  async create(serviceId: ServiceId, input: FormTemplateInput, now: Date): Promise<FormTemplate> {
    const at = now.toISOString();
    const row: FormTemplateTable = {
      id: randomUUID(),
      service_id: serviceId,
      name: JSON.stringify(input.name),
      fields: JSON.stringify(input.fields),
      pdf_base64: null,
      pdf_file_name: null,
      pdf_field_names: null,
      created_at: at,
      updated_at: at,
    };
    await this.#db.insertInto('form_template').values(row).execute();
    return toTemplate(row);
  }

  async update(id: FormTemplateId, input: FormTemplateInput, now: Date): Promise<FormTemplate | undefined> {
    await this.#db
      .updateTable('form_template')
      .set({ name: JSON.stringify(input.name), fields: JSON.stringify(input.fields), updated_at: now.toISOString() })
      .where('id', '=', id)
      .execute();
    return this.get(id);
  }

  async setPdf(id: FormTemplateId, pdf: { fileName: string; bytes: Uint8Array; fieldNames: string[] } | null, now: Date): Promise<FormTemplate | undefined> {
    await this.#db
      .updateTable('form_template')
      .set({
        pdf_base64: pdf ? Buffer.from(pdf.bytes).toString('base64') : null,
        pdf_file_name: pdf?.fileName ?? null,
        pdf_field_names: pdf ? JSON.stringify(pdf.fieldNames) : null,
        updated_at: now.toISOString(),
      })
      .where('id', '=', id)
      .execute();
    return this.get(id);
  }

  async delete(id: FormTemplateId): Promise<void> {
    await this.#db.deleteFrom('form_template').where('id', '=', id).execute();
  }
}

function toTemplate(row: FormTemplateTable): FormTemplate {
  return FormTemplateSchema.parse({
    id: FormTemplateIdSchema.parse(row.id),
    serviceId: row.service_id,
    name: LocalizedTextSchema.parse(JSON.parse(row.name)),
    fields: z.array(FormFieldSchema).parse(JSON.parse(row.fields)),
    pdfForm: row.pdf_base64 ? { fileName: row.pdf_file_name ?? 'form.pdf', fieldNames: FieldNames.parse(JSON.parse(row.pdf_field_names ?? '[]')) } : null,
    updatedAt: row.updated_at,
  });
}
