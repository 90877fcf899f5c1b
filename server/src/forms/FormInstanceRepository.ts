import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import {
  FormFieldSchema,
  FormInstanceIdSchema,
  FormTemplateIdSchema,
  LocalizedTextSchema,
  MatterIdSchema,
  ServiceSessionIdSchema,
  type FormField,
  type FormInstanceId,
  type FormTemplateId,
  type FormValues,
  type LocalizedText,
  type MatterId,
  type ServiceSessionId,
} from '@kanava/shared';
import type { Db } from '../db/database.ts';
import { isUniqueViolation } from '../db/dbErrors.ts';
import type { FormInstanceTable, SubmittedMatterTable } from '../documents/tables.ts';

const Snapshot = z.object({ name: LocalizedTextSchema, fields: z.array(FormFieldSchema) });

export interface StoredForm {
  id: FormInstanceId;
  sessionId: ServiceSessionId;
  templateId: FormTemplateId;
  name: LocalizedText;
  serviceName: LocalizedText;
  fields: FormField[];
  state: 'editing' | 'submitted';
  ydocState: Uint8Array;
  openedAt: string;
}

export interface StoredMatter {
  id: MatterId;
  formId: FormInstanceId;
  sessionId: ServiceSessionId;
  receiptNumber: string;
  submittedAt: string;
  submittedBy: string;
  values: FormValues;
  sha256: string;
}

const Values = z.record(z.string(), z.union([z.string(), z.boolean()]));

/** Form instances of service sessions (their Yjs state) and the matters filed from them. */
export class FormInstanceRepository {
  readonly #db: Db;

  constructor(db: Db) {
    this.#db = db;
  }

  async create(f: { sessionId: ServiceSessionId; templateId: FormTemplateId; name: LocalizedText; fields: FormField[]; serviceName: LocalizedText; ydocState: Uint8Array; now: Date }): Promise<StoredForm> {
    const at = f.now.toISOString();
    const row: FormInstanceTable = {
      id: randomUUID(),
      session_id: f.sessionId,
      template_id: f.templateId,
      template: JSON.stringify({ name: f.name, fields: f.fields }),
      service_name: JSON.stringify(f.serviceName),
      state: 'editing',
      ydoc_state: Buffer.from(f.ydocState).toString('base64'),
      opened_at: at,
      updated_at: at,
    };
    await this.#db.insertInto('form_instance').values(row).execute();
    return toForm(row);
  }

  async get(id: FormInstanceId): Promise<StoredForm | undefined> {
    const row = await this.#db.selectFrom('form_instance').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toForm(row) : undefined;
  }

  async listForSession(sessionId: ServiceSessionId): Promise<StoredForm[]> {
    const rows = await this.#db.selectFrom('form_instance').selectAll().where('session_id', '=', sessionId).orderBy('opened_at').execute();
    return rows.map(toForm);
  }

  /** Stores the Yjs state; a submitted form's state is never overwritten. */
  async saveState(id: FormInstanceId, state: Uint8Array, now: Date): Promise<void> {
    await this.#db
      .updateTable('form_instance')
      .set({ ydoc_state: Buffer.from(state).toString('base64'), updated_at: now.toISOString() })
      .where('id', '=', id)
      .where('state', '=', 'editing')
      .execute();
  }

  /**
   * Files the matter and freezes the form in one transaction. The database decides who
   * wins two submits at once (the state condition and the unique form id): the loser gets undefined.
   */
  async submit(m: { formId: FormInstanceId; sessionId: ServiceSessionId; finalState: Uint8Array; receiptNumber: string; submittedBy: string; values: FormValues; pdf: Uint8Array; sha256: string; now: Date }): Promise<StoredMatter | undefined> {
    const row: SubmittedMatterTable = {
      id: randomUUID(),
      form_instance_id: m.formId,
      session_id: m.sessionId,
      receipt_number: m.receiptNumber,
      submitted_at: m.now.toISOString(),
      submitted_by_name: m.submittedBy,
      values_json: JSON.stringify(m.values),
      pdf_base64: Buffer.from(m.pdf).toString('base64'),
      sha256: m.sha256,
    };
    try {
      return await this.#db.transaction().execute(async (trx) => {
        const frozen = await trx
          .updateTable('form_instance')
          .set({ state: 'submitted', ydoc_state: Buffer.from(m.finalState).toString('base64'), updated_at: row.submitted_at })
          .where('id', '=', m.formId)
          .where('state', '=', 'editing')
          .executeTakeFirst();
        if (Number(frozen.numUpdatedRows) !== 1) return undefined;
        await trx.insertInto('submitted_matter').values(row).execute();
        return toMatter(row);
      });
    } catch (err) {
      if (isUniqueViolation(err)) return undefined;
      throw err;
    }
  }

  async matterOfForm(formId: FormInstanceId): Promise<StoredMatter | undefined> {
    const row = await this.#db.selectFrom('submitted_matter').selectAll().where('form_instance_id', '=', formId).executeTakeFirst();
    return row ? toMatter(row) : undefined;
  }

  async matter(id: MatterId): Promise<(StoredMatter & { pdf: Buffer }) | undefined> {
    const row = await this.#db.selectFrom('submitted_matter').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? { ...toMatter(row), pdf: Buffer.from(row.pdf_base64, 'base64') } : undefined;
  }
}

function toForm(row: FormInstanceTable): StoredForm {
  const snapshot = Snapshot.parse(JSON.parse(row.template));
  return {
    id: FormInstanceIdSchema.parse(row.id),
    sessionId: ServiceSessionIdSchema.parse(row.session_id),
    templateId: FormTemplateIdSchema.parse(row.template_id),
    name: snapshot.name,
    fields: snapshot.fields,
    serviceName: LocalizedTextSchema.parse(JSON.parse(row.service_name)),
    state: row.state === 'submitted' ? 'submitted' : 'editing',
    ydocState: Buffer.from(row.ydoc_state, 'base64'),
    openedAt: row.opened_at,
  };
}

function toMatter(row: SubmittedMatterTable): StoredMatter {
  return {
    id: MatterIdSchema.parse(row.id),
    formId: FormInstanceIdSchema.parse(row.form_instance_id),
    sessionId: ServiceSessionIdSchema.parse(row.session_id),
    receiptNumber: row.receipt_number,
    submittedAt: row.submitted_at,
    submittedBy: row.submitted_by_name,
    values: Values.parse(JSON.parse(row.values_json)),
    sha256: row.sha256,
  };
}
