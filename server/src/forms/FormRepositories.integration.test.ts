import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { NewPointSchema, NewProviderSchema, NewServiceSchema, ServiceSessionIdSchema, StaffUserIdSchema, type ServiceSessionId } from '@kanava/shared';
import { dialects, openTestDatabase, type TestDatabase } from '../db/testing/testDatabases.ts';
import { DocumentRepository } from '../documents/DocumentRepository.ts';
import { Records } from '../records/Records.ts';
import { ServiceSessionRepository } from '../sessions/ServiceSessionRepository.ts';
import { demoHousingAllowance, demoHousingAllowancePdf } from './demoForms.ts';
import { FormInstanceRepository } from './FormInstanceRepository.ts';
import { FormTemplateRepository } from './FormTemplateRepository.ts';

const now = new Date('2026-03-01T09:00:00Z');

describe.each(dialects)('documents, templates, forms and matters on %s', (dialect) => {
  let t: TestDatabase;
  let records: Records;
  let sessionId: ServiceSessionId;
  let sessions: ServiceSessionRepository;

  beforeEach(async () => {
    t = await openTestDatabase(dialect);
    records = new Records(t.db);
    sessions = new ServiceSessionRepository(t.db);
    const point = await records.repos.points.create(NewPointSchema.parse({ slug: 'kuhmo', nameFi: 'Kuhmo', nameSv: 'Kuhmo', municipality: 'Kuhmo' }), now);
    sessionId = ServiceSessionIdSchema.parse('s1');
    await sessions.started({ id: sessionId, pointId: point.id, admittedByName: 'Mikko', admittedByAccountId: undefined, startedAt: now });
  });
  afterEach(async () => {
    await t.close();
  });

  async function template() {
    const provider = await records.repos.providers.create(NewProviderSchema.parse({ code: 'kela', nameFi: 'Kela', nameSv: 'FPA', nameEn: 'Kela' }), now);
    const service = await records.repos.services.create(provider.id, NewServiceSchema.parse({ code: 'housing-allowance', nameFi: 'Asumistuki', nameSv: 'Bostadsbidrag', nameEn: 'Housing allowance' }), now);
    const templates = new FormTemplateRepository(t.db);
    const created = await templates.create(service.id, demoHousingAllowance, now);
    const pdf = await demoHousingAllowancePdf();
    return templates.setPdf(created.id, { fileName: 'at1.pdf', ...pdf }, now);
  }

  it('keeps a template’s fields and the AcroForm field names of its PDF', async () => {
    const stored = await template();
    expect(stored?.fields.map((f) => f.id)).toEqual(demoHousingAllowance.fields.map((f) => f.id));
    expect(stored?.pdfForm?.fieldNames).toEqual(expect.arrayContaining(['hakija_hetu', 'vakuutus']));
  });

  it('files a form once: the second submit loses, and the frozen state is never overwritten', async () => {
    const tpl = await template();
    if (!tpl) throw new Error('no template');
    const forms = new FormInstanceRepository(t.db);
    const doc = new Y.Doc();
    const form = await forms.create({ sessionId, templateId: tpl.id, name: tpl.name, fields: tpl.fields, serviceName: tpl.name, ydocState: Y.encodeStateAsUpdate(doc), now });
    doc.getText('field:fullName').insert(0, 'Aino');
    const filed = Y.encodeStateAsUpdate(doc);
    const submit = (n: string) => forms.submit({ formId: form.id, sessionId, finalState: filed, receiptNumber: n, submittedBy: 'Mikko', values: { fullName: 'Aino' }, pdf: new Uint8Array([1, 2, 3]), sha256: 'a'.repeat(64), now });
    const [a, b] = await Promise.all([submit('20260301-AAAAAA'), submit('20260301-BBBBBB')]);
    expect([a, b].filter(Boolean)).toHaveLength(1);
    doc.getText('field:fullName').insert(0, 'X');
    await forms.saveState(form.id, Y.encodeStateAsUpdate(doc), now);
    const after = await forms.get(form.id);
    const reread = new Y.Doc();
    Y.applyUpdate(reread, after?.ydocState ?? new Uint8Array());
    expect(after?.state).toBe('submitted');
    expect(reread.getText('field:fullName').toString()).toBe('Aino');
    expect(await forms.matterOfForm(form.id)).toMatchObject({ values: { fullName: 'Aino' }, submittedBy: 'Mikko' });
  });

  it('gives a document’s bytes only while its session runs, and an upload only to its uploader', async () => {
    const docs = new DocumentRepository(t.db);
    const by = StaffUserIdSchema.parse('u1');
    const uploadId = await docs.holdUpload({ title: 'a.pdf', bytes: new Uint8Array([37, 80, 68, 70]), pages: 1, sha256: 'b'.repeat(64), by, now });
    expect(await docs.contentWhileSessionRuns(uploadId)).toBeUndefined();
    expect(await docs.shareUpload(uploadId, { sessionId, by: StaffUserIdSchema.parse('someone-else'), byName: 'X', allowDownload: false, now })).toBeUndefined();
    expect(await docs.shareUpload(uploadId, { sessionId, by, byName: 'Mikko', allowDownload: true, now })).toMatchObject({ sessionId, allowDownload: true, sharedBy: 'Mikko' });
    expect((await docs.contentWhileSessionRuns(uploadId))?.bytes).toEqual(Buffer.from([37, 80, 68, 70]));
    await sessions.ended(sessionId, new Date(now.getTime() + 60_000));
    expect(await docs.contentWhileSessionRuns(uploadId)).toBeUndefined();
    expect((await docs.listForSession(sessionId)).map((d) => d.title)).toEqual(['a.pdf']);
  });
});
