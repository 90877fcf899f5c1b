import { randomInt } from 'node:crypto';
import * as Y from 'yjs';
import { DateTime } from 'luxon';
import {
  KanavaError,
  validateForm,
  type FormFieldError,
  type FormInstanceId,
  type FormInstanceView,
  type FormTemplateChoice,
  type FormTemplateId,
  type Receipt,
  type ServicePointId,
  type ServiceSessionId,
  type StaffUser,
} from '@kanava/shared';
import type { Logger } from '../logger.ts';
import type { Records } from '../records/Records.ts';
import type { LinkSigner } from '../documents/links.ts';
import { sha256Hex } from '../documents/pdfCheck.ts';
import { servicesAt } from '../documents/sessionAccess.ts';
import { FormDocs, type SyncOutcome } from './FormDocs.ts';
import type { FormInstanceRepository, StoredForm, StoredMatter } from './FormInstanceRepository.ts';
import { FormTemplateRepository } from './FormTemplateRepository.ts';
import { buildMatterPdf } from './matterPdf.ts';

const RECEIPT_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** "20260301-7KQ2M9": the Helsinki date and six random characters that cannot be misread (no I, L, O, U). */
export function newReceiptNumber(at: Date): string {
  const date = DateTime.fromJSDate(at).setZone('Europe/Helsinki').toFormat('yyyyLLdd');
  let tail = '';
  for (let i = 0; i < 6; i++) tail += RECEIPT_ALPHABET[randomInt(RECEIPT_ALPHABET.length)];
  return `${date}-${tail}`;
}

export function helsinkiTimeText(iso: string): string {
  return DateTime.fromISO(iso).setZone('Europe/Helsinki').toFormat('d.M.yyyy HH:mm:ss');
}

type Role = 'expert' | 'advisor';
export type SubmitOutcome = { outcome: 'invalid'; errors: FormFieldError[] } | { outcome: 'submitted'; form: FormInstanceView };
const nameOf = (s: { nameFi: string; nameSv: string; nameEn: string }) => ({ fi: s.nameFi, sv: s.nameSv || s.nameFi, en: s.nameEn || s.nameFi });

/** Forms of service sessions: which templates staff may open, the instances, their sync, and filing the matter. */
export class FormService {
  readonly #records: Records;
  readonly #templates: FormTemplateRepository;
  readonly #forms: FormInstanceRepository;
  readonly #links: LinkSigner;
  /** Form instances and their filed matters, for the download routes. */
  readonly matters: FormInstanceRepository;
  readonly docs: FormDocs;

  constructor(records: Records, forms: FormInstanceRepository, links: LinkSigner, log: Logger) {
    this.#records = records;
    this.#templates = new FormTemplateRepository(records.db);
    this.#forms = forms;
    this.matters = forms;
    this.#links = links;
    this.docs = new FormDocs(forms, log);
  }

  async templatesFor(pointId: ServicePointId, staff: StaffUser, role: Role, now: Date): Promise<FormTemplateChoice[]> {
    const services = await servicesAt(this.#records, pointId, staff, role, now);
    const templates = await this.#templates.listByService(services.map((s) => s.id));
    return templates.flatMap((t) => {
      const service = services.find((s) => s.id === t.serviceId);
      return service ? [{ templateId: t.id, name: t.name, serviceName: nameOf(service) }] : [];
    });
  }

  async open(templateId: FormTemplateId, s: { sessionId: ServiceSessionId; pointId: ServicePointId; staff: StaffUser; role: Role; now: Date }): Promise<FormInstanceView> {
    const choice = (await this.templatesFor(s.pointId, s.staff, s.role, s.now)).find((t) => t.templateId === templateId);
    const template = await this.#templates.get(templateId);
    if (!choice || !template) throw new KanavaError('notFound', 'no such form template for this point');
    const empty = new Y.Doc();
    const stored = await this.#forms.create({ sessionId: s.sessionId, templateId, name: template.name, fields: template.fields, serviceName: choice.serviceName, ydocState: Y.encodeStateAsUpdate(empty), now: s.now });
    empty.destroy();
    this.docs.adopt(stored);
    return this.view(stored, undefined);
  }

  async list(sessionId: ServiceSessionId): Promise<FormInstanceView[]> {
    const stored = await this.#forms.listForSession(sessionId);
    return Promise.all(stored.map(async (f) => this.view(f, f.state === 'submitted' ? await this.#forms.matterOfForm(f.id) : undefined)));
  }

  sync(formId: FormInstanceId, sessionId: ServiceSessionId, message: Uint8Array): Promise<SyncOutcome> {
    return this.docs.sync(formId, sessionId, message);
  }

  /** Checks the values and files the matter; invalid values come back field by field and the form stays open. */
  async submit(formId: FormInstanceId, s: { sessionId: ServiceSessionId; by: string; now: Date }): Promise<SubmitOutcome> {
    const stored = await this.#forms.get(formId);
    if (!stored || stored.sessionId !== s.sessionId) throw new KanavaError('notFound', 'no such form in this service session');
    return this.docs.freeze<SubmitOutcome>(formId, s.sessionId, async (values, finalState) => {
      const errors = validateForm(stored.fields, values);
      if (errors.length > 0) return { submitted: false, result: { outcome: 'invalid' as const, errors } };
      const provider = await this.#templates.withPdf(stored.templateId);
      const receiptNumber = newReceiptNumber(s.now);
      const meta = { formName: stored.name, serviceName: stored.serviceName, receiptNumber, submittedAtText: helsinkiTimeText(s.now.toISOString()) };
      const pdf = await buildMatterPdf(stored.fields, values, meta, provider?.pdf ?? null);
      const matter = await this.#forms.submit({ formId, sessionId: s.sessionId, finalState, receiptNumber, submittedBy: s.by, values, pdf, sha256: sha256Hex(pdf), now: s.now });
      if (!matter) throw new KanavaError('invalidState', 'the form has already been submitted');
      return { submitted: true, result: { outcome: 'submitted' as const, form: this.view({ ...stored, state: 'submitted' }, matter) } };
    });
  }

  view(f: StoredForm, matter: StoredMatter | undefined): FormInstanceView {
    return {
      formId: f.id,
      templateId: f.templateId,
      name: f.name,
      serviceName: f.serviceName,
      fields: f.fields,
      state: f.state,
      receipt: matter ? this.#receipt(f, matter) : null,
      openedAt: f.openedAt,
    };
  }

  #receipt(f: StoredForm, m: StoredMatter): Receipt {
    const base = `/api/matters/${encodeURIComponent(m.id)}`;
    return {
      matterId: m.id,
      receiptNumber: m.receiptNumber,
      submittedAt: m.submittedAt,
      serviceName: f.serviceName,
      formName: f.name,
      sha256: m.sha256,
      receiptUrl: this.#links.sign('receipt', m.id, `${base}/receipt`),
      matterUrl: this.#links.sign('matter', m.id, `${base}/pdf`),
    };
  }
}
