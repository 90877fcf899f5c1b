import express, { type Response, type Router } from 'express';
import { z } from 'zod';
import { PDFDocument } from 'pdf-lib';
import { FormTemplateIdSchema, FormTemplateInputSchema, KanavaError, MAX_FORM_PDF_BYTES, ServiceIdSchema, type FormTemplate, type FormTemplateInput, type Service, type StaffUser } from '@kanava/shared';
import { canManageProvider, canReadProvider } from '../auth/permissions.ts';
import { AuditLog } from '../db/AuditLog.ts';
import type { DbOrTx } from '../db/database.ts';
import type { MaterialRouteDeps } from '../documents/routes.ts';
import { checkPdf } from '../documents/pdfCheck.ts';
import { FileNameQuery, bodyBytes, pdfBody, uploadRefused } from '../documents/uploads.ts';
import { ValidationError, authorised, found, parse, signedIn, uniqueOr } from '../http/routes/support.ts';
import { FormTemplateRepository } from './FormTemplateRepository.ts';

const ServiceParams = z.object({ id: ServiceIdSchema });
const TemplateParams = z.object({ id: FormTemplateIdSchema });

/** Mapped PDF fields must exist in the provider's PDF; caught here so the admin sees it at once, not at submit. */
function checkMapping(input: FormTemplateInput, pdfFieldNames: readonly string[] | undefined): void {
  const missing = input.fields.flatMap((f, i) => (f.pdfField && pdfFieldNames && !pdfFieldNames.includes(f.pdfField) ? [{ path: `fields.${i}.pdfField`, message: `the PDF has no field "${f.pdfField}"` }] : []));
  if (missing.length > 0) throw new ValidationError(missing);
}

/** Provider admins define the forms of their services; their experts may read them. */
export function formTemplateRoutes({ records }: MaterialRouteDeps): Router {
  const r = express.Router();
  const templates = new FormTemplateRepository(records.db);

  async function serviceFor(res: Response, serviceId: Service['id'], may: (u: StaffUser, p: Service['providerId']) => boolean): Promise<{ service: Service; user: StaffUser }> {
    signedIn(res);
    const service = found(await records.repos.services.get(serviceId), 'service');
    const user = authorised(res, (u) => may(u, service.providerId));
    return { service, user };
  }

  async function templateFor(res: Response, id: FormTemplate['id']): Promise<{ template: FormTemplate; user: StaffUser }> {
    signedIn(res);
    const template = found(await templates.get(id), 'form template');
    const { user } = await serviceFor(res, template.serviceId, canManageProvider);
    return { template, user };
  }

  /** Writes the change and its audit entry in one transaction. */
  function audited<T>(user: StaffUser, action: string, entityId: () => string, work: (repo: FormTemplateRepository) => Promise<T>, details: Record<string, unknown> = {}): Promise<T> {
    return records.db.transaction().execute(async (trx: DbOrTx) => {
      const result = await work(new FormTemplateRepository(trx));
      await new AuditLog(trx).record(user, { action, entity: 'formTemplate', entityId: entityId(), details }, new Date());
      return result;
    });
  }

  r.get('/registry/services/:id/form-templates', async (req, res) => {
    const { id } = parse(ServiceParams, req.params);
    await serviceFor(res, id, canReadProvider);
    res.json(await templates.listByService([id]));
  });

  r.post('/registry/services/:id/form-templates', async (req, res) => {
    const { id } = parse(ServiceParams, req.params);
    const { user } = await serviceFor(res, id, canManageProvider);
    const input = parse(FormTemplateInputSchema, req.body);
    checkMapping(input, []);
    let createdId = '';
    const created = await audited(user, 'formTemplate.created', () => createdId, async (repo) => {
      const t = await repo.create(id, input, new Date());
      createdId = t.id;
      return t;
    });
    res.status(201).json(created);
  });

  r.put('/registry/form-templates/:id', async (req, res) => {
    const { id } = parse(TemplateParams, req.params);
    const { template, user } = await templateFor(res, id);
    const input = parse(FormTemplateInputSchema, req.body);
    checkMapping(input, template.pdfForm?.fieldNames ?? []);
    const updated = await audited(user, 'formTemplate.updated', () => id, (repo) => repo.update(id, input, new Date()), { fields: input.fields.length });
    res.json(updated);
  });

  r.delete('/registry/form-templates/:id', async (req, res) => {
    const { id } = parse(TemplateParams, req.params);
    const { user } = await templateFor(res, id);
    // Forms already filled from it keep it (a foreign key): such a template cannot be deleted.
    await uniqueOr('the template has been used', () => audited(user, 'formTemplate.deleted', () => id, (repo) => repo.delete(id))).catch((err: unknown) => {
      if (err instanceof ValidationError) throw new KanavaError('conflict', 'forms have been filled from this template; it cannot be deleted');
      throw err;
    });
    res.status(204).end();
  });

  /** The provider's own PDF form; its AcroForm field names are listed so fields can be mapped to them. */
  r.put('/registry/form-templates/:id/pdf', pdfBody(MAX_FORM_PDF_BYTES), async (req, res) => {
    const { id } = parse(TemplateParams, req.params);
    const { user } = await templateFor(res, id);
    const { name } = parse(FileNameQuery, req.query);
    const bytes = bodyBytes(req.body);
    if (!bytes) throw uploadRefused('notPdf');
    const checked = await checkPdf(bytes, MAX_FORM_PDF_BYTES);
    if (!checked.ok) throw uploadRefused(checked.problem);
    const fieldNames = (await PDFDocument.load(bytes, { updateMetadata: false })).getForm().getFields().map((f) => f.getName());
    const updated = await audited(user, 'formTemplate.pdfSet', () => id, (repo) => repo.setPdf(id, { fileName: name, bytes, fieldNames }, new Date()), { fileName: name, fields: fieldNames.length });
    res.json(updated);
  });

  r.delete('/registry/form-templates/:id/pdf', async (req, res) => {
    const { id } = parse(TemplateParams, req.params);
    const { template, user } = await templateFor(res, id);
    if (template.fields.some((f) => f.pdfField)) throw new KanavaError('conflict', 'remove the PDF field mappings first');
    res.json(await audited(user, 'formTemplate.pdfRemoved', () => id, (repo) => repo.setPdf(id, null, new Date())));
  });

  return r;
}
