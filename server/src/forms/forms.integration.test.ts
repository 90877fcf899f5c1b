import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { PDFDocument, PDFName, PDFDict, PDFArray, PDFRawStream, PDFString, PDFHexString } from 'pdf-lib';
import { inflateSync } from 'node:zlib';
import { createHash } from 'node:crypto';
import { StaffUserIdSchema, identityCodeCheckCharacter, type StaffUser } from '@kanava/shared';
import type { RunningKanava } from '../app.ts';
import { KIOSK_TOKEN, connect, nextEvent, ok, request, startTestKanava, testStaff } from '../signalling/testing.ts';
import { YjsPeer } from './testing/yjsPeer.ts';
import { MATTER_ATTACHMENT } from './matterPdf.ts';
import { pdfText, qpdfCheck } from '../documents/testing/pdfTools.ts';

let kanava: RunningKanava;
const sockets: Socket[] = [];

beforeAll(async () => {
  kanava = await startTestKanava({ reconnectGraceMs: 2000 });
  // An expert of the demo data's real Kela provider, whose housing-allowance service has the demo form.
  const kela = await kanava.records.repos.providers.getByCode('kela');
  if (!kela) throw new Error('demo data missing');
  const kelaExpert: StaffUser = { id: StaffUserIdSchema.parse('u-kela'), displayName: 'Mikko (Kela)', email: 'kela@test', roles: [{ kind: 'expert', providerId: kela.id }] };
  testStaff['kelaExpert'] = kelaExpert;
});

afterAll(async () => {
  for (const s of sockets) s.disconnect();
  await kanava.close();
});

async function open(staff?: string): Promise<Socket> {
  const socket = await connect(kanava, staff ? { staff } : {});
  sockets.push(socket);
  return socket;
}
const caps = async (s: Socket) => (await ok(s, 'room.getRouterCapabilities', { pointSlug: 'kuhmo' }))['routerRtpCapabilities'];

async function sessionWithCustomer() {
  const expert = await open('kelaExpert');
  await ok(expert, 'room.join', { pointSlug: 'kuhmo', displayName: 'x', rtpCapabilities: await caps(expert) });
  const customer = await open();
  const joined = await ok(customer, 'room.join', { pointSlug: 'kuhmo', displayName: 'Aino', rtpCapabilities: await caps(customer), kioskToken: KIOSK_TOKEN });
  const admitted = nextEvent(customer, 'admitted');
  await ok(expert, 'lobby.admit', { peerId: joined['peerId'] });
  await admitted;
  await ok(customer, 'room.enterCall', {});
  return { expert, customer, rejoinToken: joined['rejoinToken'] as string };
}

async function endAll(...list: Socket[]) {
  for (const s of list) {
    if (s.connected) await request(s, 'room.leave', {});
    s.disconnect();
  }
  await expect.poll(() => kanava.signalling.rooms.size, { timeout: 6000 }).toBe(0);
}

async function openDemoForm(expert: Socket, customer: Socket) {
  const { templates } = (await ok(expert, 'form.templates', {})) as { templates: Array<{ templateId: string; name: { fi: string } }> };
  const template = templates.find((t) => t.name.fi.startsWith('Yleinen asumistuki'));
  if (!template) throw new Error('demo template missing');
  const opened = nextEvent(customer, 'formOpened');
  const form = await ok(expert, 'form.open', { templateId: template.templateId });
  expect(await opened).toMatchObject({ form: { formId: form['formId'], state: 'editing' } });
  return form['formId'] as string;
}

const settle = (a: YjsPeer, b: YjsPeer, field: string) =>
  expect.poll(() => a.text(field).toString() === b.text(field).toString() && a.text(field).length > 0, { timeout: 5000 }).toBe(true);

describe('co-edited forms over the real socket', () => {
  it('merge two people typing in the same field at the same moment, and catch up a reconnecting participant', async () => {
    const { expert, customer, rejoinToken } = await sessionWithCustomer();
    const formId = await openDemoForm(expert, customer);
    const mikko = new YjsPeer(expert, formId);
    const aino = new YjsPeer(customer, formId);
    await Promise.all([mikko.connect(), aino.connect()]);

    // Both type into the address at once, 20 characters each, interleaved.
    for (let i = 0; i < 20; i++) {
      mikko.text('address').insert(0, 'M');
      aino.text('address').insert(aino.text('address').length, 'a');
    }
    await settle(mikko, aino, 'address');
    const merged = mikko.text('address').toString();
    expect(merged).toHaveLength(40);
    expect(merged.replaceAll('a', '')).toBe('M'.repeat(20));

    // Aino's connection drops; Mikko keeps typing; she comes back and sees it.
    customer.disconnect();
    mikko.text('phone').insert(0, '040 123 4567');
    await expect.poll(async () => (await kanava.db.selectFrom('form_instance').select('ydoc_state').where('id', '=', formId).executeTakeFirstOrThrow()).ydoc_state.length, { timeout: 3000 }).toBeGreaterThan(100);
    const again = await open();
    await ok(again, 'room.resume', { pointSlug: 'kuhmo', rejoinToken, rtpCapabilities: await caps(again) });
    const { forms } = (await ok(again, 'form.list', {})) as { forms: Array<{ formId: string }> };
    expect(forms.map((f) => f.formId)).toEqual([formId]);
    const back = new YjsPeer(again, formId);
    await back.connect();
    expect(back.text('phone').toString()).toBe('040 123 4567');
    expect(back.text('address').toString()).toBe(merged);
    await endAll(again, expert);
  });

  it('merges what a participant typed while offline with what the other typed meanwhile, in the same field and in others', async () => {
    const { expert, customer, rejoinToken } = await sessionWithCustomer();
    const formId = await openDemoForm(expert, customer);
    const mikko = new YjsPeer(expert, formId);
    const aino = new YjsPeer(customer, formId);
    await Promise.all([mikko.connect(), aino.connect()]);
    aino.text('address').insert(0, 'Kainuuntie 1');
    await settle(mikko, aino, 'address');

    // Aino's connection drops; both go on typing, into the same field and into others.
    customer.disconnect();
    aino.goOffline();
    aino.text('address').insert(aino.text('address').length, ' A 2');
    aino.text('phone').insert(0, '040 765 4321');
    mikko.text('address').insert(0, 'Osoite: ');
    mikko.text('fullName').insert(0, 'Aino Äijälä');
    expect(aino.text('fullName').toString()).toBe('');
    expect(mikko.text('phone').toString()).toBe('');

    // She comes back (within the grace period): her edits merge, and none of Mikko's is lost.
    const again = await open();
    await ok(again, 'room.resume', { pointSlug: 'kuhmo', rejoinToken, rtpCapabilities: await caps(again) });
    await aino.connect(again);
    const expected = { address: 'Osoite: Kainuuntie 1 A 2', phone: '040 765 4321', fullName: 'Aino Äijälä' };
    const fields = (p: YjsPeer) => ({ address: p.text('address').toString(), phone: p.text('phone').toString(), fullName: p.text('fullName').toString() });
    expect(fields(aino)).toEqual(expected);
    await expect.poll(() => fields(mikko), { timeout: 5000 }).toEqual(expected);
    // The server's own copy (what is filed on submit) holds the merge too.
    const fresh = new YjsPeer(expert, formId);
    await fresh.connect();
    expect(fields(fresh)).toEqual(expected);
    expect([...mikko.refused, ...aino.refused]).toEqual([]);
    await endAll(again, expert);
  });

  it('refuses fields the template does not have and values longer than the field allows', async () => {
    const { expert, customer } = await sessionWithCustomer();
    const formId = await openDemoForm(expert, customer);
    const rogue = new Y.Doc();
    rogue.getText('field:notInTheForm').insert(0, 'x');
    const bad = encoding.createEncoder();
    syncProtocol.writeUpdate(bad, Y.encodeStateAsUpdate(rogue));
    expect(await request(customer, 'form.sync', { formId, message: encoding.toUint8Array(bad) })).toMatchObject({ ok: false, error: { code: 'badRequest' } });
    const long = new Y.Doc();
    long.getText('field:fullName').insert(0, 'x'.repeat(201));
    const tooLong = encoding.createEncoder();
    syncProtocol.writeUpdate(tooLong, Y.encodeStateAsUpdate(long));
    expect(await request(customer, 'form.sync', { formId, message: encoding.toUint8Array(tooLong) })).toMatchObject({ ok: false, error: { code: 'badRequest' } });
    expect(await request(customer, 'form.sync', { formId, message: new Uint8Array([9, 9, 9]) })).toMatchObject({ ok: false, error: { code: 'badRequest' } });
    expect(await request(customer, 'form.sync', { formId, message: 'not binary' })).toMatchObject({ ok: false, error: { code: 'badRequest' } });
    // The customer may type but not open or submit forms.
    expect(await request(customer, 'form.submit', { formId })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    await endAll(customer, expert);
  });

  it('shows invalid values at their fields, files a valid form as a PDF whose hash is on the receipt, and refuses edits after submit', async () => {
    const { expert, customer } = await sessionWithCustomer();
    const formId = await openDemoForm(expert, customer);
    const mikko = new YjsPeer(expert, formId);
    const aino = new YjsPeer(customer, formId);
    await Promise.all([mikko.connect(), aino.connect()]);

    aino.text('identityCode').insert(0, '131052-308U');
    aino.text('rent').insert(0, 'paljon');
    await settle(mikko, aino, 'rent');
    const invalid = await ok(expert, 'form.submit', { formId });
    expect(invalid['outcome']).toBe('invalid');
    expect(invalid['errors']).toEqual(expect.arrayContaining([{ fieldId: 'identityCode', code: 'identityCode' }, { fieldId: 'rent', code: 'notNumber' }, { fieldId: 'fullName', code: 'required' }]));

    const first10 = '010185-123';
    const hetu = `${first10}${identityCodeCheckCharacter(first10)}`;
    const t = (id: string, v: string) => {
      const text = aino.text(id);
      text.delete(0, text.length);
      text.insert(0, v);
    };
    t('identityCode', hetu);
    t('rent', '650,50');
    t('fullName', 'Aino Äijälä');
    t('address', 'Kainuuntie 1 A 2');
    t('postalCode', '88900 Kuhmo');
    t('moveInDate', '2026-02-01');
    aino.choices().set('household', 'alone');
    aino.choices().set('truthful', true);
    await expect.poll(() => mikko.choices().get('truthful'), { timeout: 5000 }).toBe(true);
    await settle(mikko, aino, 'moveInDate');

    const submittedEvent = nextEvent(customer, 'formSubmitted');
    const done = await ok(expert, 'form.submit', { formId });
    expect(done['outcome']).toBe('submitted');
    const receipt = (done['form'] as { receipt: { sha256: string; receiptNumber: string; matterUrl: string; receiptUrl: string } }).receipt;
    expect(await submittedEvent).toMatchObject({ form: { state: 'submitted', receipt: { receiptNumber: receipt.receiptNumber } } });

    // The filed PDF is what the receipt says, flattened, with the typed values attached.
    const pdf = new Uint8Array(await (await fetch(`${kanava.url}${receipt.matterUrl}`)).arrayBuffer());
    expect(createHash('sha256').update(pdf).digest('hex')).toBe(receipt.sha256);
    const doc = await PDFDocument.load(pdf);
    expect(doc.getForm().getFields()).toHaveLength(0);
    expect(JSON.parse(attachment(doc, MATTER_ATTACHMENT))).toMatchObject({ receiptNumber: receipt.receiptNumber, values: { identityCode: hetu, fullName: 'Aino Äijälä', rent: '650,50', household: 'alone', truthful: true } });
    // Readers outside Kanava: qpdf finds the structure sound, pdftotext reads the typed values.
    expect(await qpdfCheck(pdf)).toMatch(/No syntax or stream encoding errors found/);
    const text = await pdfText(pdf);
    for (const typed of [hetu, 'Aino Äijälä', 'Kainuuntie 1 A 2', '88900 Kuhmo', '650,50']) expect(text).toContain(typed);
    const receiptPdf = await fetch(`${kanava.url}${receipt.receiptUrl}`);
    expect(receiptPdf.headers.get('content-type')).toBe('application/pdf');
    const receiptBytes = new Uint8Array(await receiptPdf.arrayBuffer());
    expect((await PDFDocument.load(receiptBytes)).getPageCount()).toBe(1);
    await qpdfCheck(receiptBytes);
    const receiptText = await pdfText(receiptBytes);
    expect(receiptText).toContain(receipt.receiptNumber);
    expect(receiptText.replaceAll(' ', '')).toContain(receipt.sha256);
    expect((await fetch(`${kanava.url}${receipt.matterUrl.replace(/sig=[^&]+/, 'sig=' + 'A'.repeat(43))}`)).status).toBe(403);

    // After submit: edits are refused, a second submit too, and nothing changes.
    const late = new Y.Doc();
    Y.applyUpdate(late, Y.encodeStateAsUpdate(aino.doc));
    late.getText('field:fullName').insert(0, 'X');
    const edit = encoding.createEncoder();
    syncProtocol.writeUpdate(edit, Y.encodeStateAsUpdate(late));
    expect(await request(customer, 'form.sync', { formId, message: encoding.toUint8Array(edit) })).toMatchObject({ ok: false, error: { code: 'invalidState', message: expect.stringMatching(/already been submitted/) } });
    expect(await request(expert, 'form.submit', { formId })).toMatchObject({ ok: false, error: { code: 'invalidState' } });
    // Re-sending what the server already has is no edit: a reconnecting client is not told off.
    const same = encoding.createEncoder();
    syncProtocol.writeUpdate(same, Y.encodeStateAsUpdate(mikko.doc));
    expect(await request(customer, 'form.sync', { formId, message: encoding.toUint8Array(same) })).toMatchObject({ ok: true });
    const { forms } = (await ok(customer, 'form.list', {})) as { forms: Array<{ state: string; receipt: { sha256: string } }> };
    expect(forms[0]).toMatchObject({ state: 'submitted', receipt: { sha256: receipt.sha256 } });
    await endAll(customer, expert);
  });

  it('keeps a session’s forms from anyone not in it, and starts the next customer with none', async () => {
    const { expert, customer } = await sessionWithCustomer();
    const formId = await openDemoForm(expert, customer);
    await ok(expert, 'session.end', {});
    const next = await sessionWithCustomerAgain(expert);
    expect(await ok(next, 'form.list', {})).toEqual({ forms: [] });
    const step1 = encoding.createEncoder();
    syncProtocol.writeSyncStep1(step1, new Y.Doc());
    expect(await request(next, 'form.sync', { formId, message: encoding.toUint8Array(step1) })).toMatchObject({ ok: false, error: { code: 'notFound' } });
    const lobby = await open();
    await ok(lobby, 'room.join', { pointSlug: 'kuhmo', displayName: 'Pekka', rtpCapabilities: await caps(lobby), kioskToken: KIOSK_TOKEN });
    expect(await request(lobby, 'form.list', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    await endAll(lobby, next, customer, expert);
  });
});

async function sessionWithCustomerAgain(expert: Socket): Promise<Socket> {
  const customer = await open();
  const joined = await ok(customer, 'room.join', { pointSlug: 'kuhmo', displayName: 'Pekka', rtpCapabilities: await caps(customer), kioskToken: KIOSK_TOKEN });
  const admitted = nextEvent(customer, 'admitted');
  await ok(expert, 'lobby.admit', { peerId: joined['peerId'] });
  await admitted;
  await ok(customer, 'room.enterCall', {});
  return customer;
}

/** The named embedded file of a PDF, read back with pdf-lib's low-level objects. */
function attachment(doc: PDFDocument, name: string): string {
  const names = doc.catalog.lookup(PDFName.of('Names'), PDFDict);
  const files = names.lookup(PDFName.of('EmbeddedFiles'), PDFDict).lookup(PDFName.of('Names'), PDFArray);
  for (let i = 0; i < files.size(); i += 2) {
    const key = files.lookup(i);
    const keyText = key instanceof PDFString || key instanceof PDFHexString ? key.decodeText() : '';
    if (keyText !== name) continue;
    const spec = files.lookup(i + 1, PDFDict);
    const stream = spec.lookup(PDFName.of('EF'), PDFDict).lookup(PDFName.of('F'));
    if (!(stream instanceof PDFRawStream)) throw new Error('attachment is not a stream');
    return inflateSync(stream.contents).toString('utf8');
  }
  throw new Error(`no attachment ${name}`);
}
