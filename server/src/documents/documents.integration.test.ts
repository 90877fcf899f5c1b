import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import { PDFDocument } from 'pdf-lib';
import { MAX_DOCUMENT_BYTES, StaffUserIdSchema } from '@kanava/shared';
import type { RunningKanava } from '../app.ts';
import { pdfText, qpdfCheck } from './testing/pdfTools.ts';
import { KIOSK_TOKEN, connect, nextEvent, ok, request, startTestKanava, testStaff } from '../signalling/testing.ts';

let kanava: RunningKanava;
const sockets: Socket[] = [];

beforeAll(async () => {
  kanava = await startTestKanava();
  const kela = await kanava.records.repos.providers.getByCode('kela');
  if (!kela) throw new Error('demo data missing');
  testStaff['kelaDocs'] = { id: StaffUserIdSchema.parse('u-kela-docs'), displayName: 'Mikko (Kela)', email: 'docs@test', roles: [{ kind: 'expert', providerId: kela.id }] };
});
afterAll(async () => {
  for (const s of sockets) s.disconnect();
  await kanava.close();
});

async function open(staff?: string) {
  const s = await connect(kanava, staff ? { staff } : {});
  sockets.push(s);
  return s;
}
const caps = async (s: Socket) => (await ok(s, 'room.getRouterCapabilities', { pointSlug: 'kuhmo' }))['routerRtpCapabilities'];

async function pdfOf(pages: number): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  for (let i = 0; i < pages; i++) doc.addPage([300, 400]).drawText(`Sivu ${i + 1}`, { x: 20, y: 350 });
  return doc.save();
}

function upload(bytes: Uint8Array, { name = 'paatos.pdf', staff = 'kelaDocs', type = 'application/pdf' } = {}) {
  return fetch(`${kanava.url}/api/session-documents/uploads?name=${encodeURIComponent(name)}`, {
    method: 'POST',
    headers: { 'content-type': type, cookie: `test-staff=${staff}` },
    body: Buffer.from(bytes),
  });
}

describe('shared documents', () => {
  it('refuse oversized, non-PDF, corrupt and anonymous uploads with a reason', async () => {
    const reason = async (res: Response) => ({ status: res.status, field: ((await res.json()) as { error: { fields?: Array<{ message: string }> } }).error.fields?.[0]?.message });
    expect(await reason(await upload(new TextEncoder().encode('GIF89a not a pdf'), { name: 'kuva.pdf' }))).toEqual({ status: 400, field: 'notPdf' });
    const corrupt = new TextEncoder().encode('%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n%%EOF garbage');
    expect(await reason(await upload(corrupt))).toEqual({ status: 400, field: 'damaged' });
    const big = new Uint8Array(MAX_DOCUMENT_BYTES + 1);
    big.set(new TextEncoder().encode('%PDF-1.7\n'));
    expect(await reason(await upload(big))).toEqual({ status: 400, field: 'tooLarge' });
    expect((await upload(await pdfOf(1), { staff: 'nobody' })).status).toBe(401);
  });

  it('shows an upload to everyone in the session, follows the presenter’s page and pointer, and closes the link when the session ends', async () => {
    const expert = await open('kelaDocs');
    await ok(expert, 'room.join', { pointSlug: 'kuhmo', displayName: 'x', rtpCapabilities: await caps(expert) });
    const customer = await open();
    const joined = await ok(customer, 'room.join', { pointSlug: 'kuhmo', displayName: 'Aino', rtpCapabilities: await caps(customer), kioskToken: KIOSK_TOKEN });
    expect(await request(expert, 'document.list', {})).toMatchObject({ ok: false, error: { code: 'invalidState' } });
    const admitted = nextEvent(customer, 'admitted');
    await ok(expert, 'lobby.admit', { peerId: joined['peerId'] });
    await admitted;
    await ok(customer, 'room.enterCall', {});

    const res = await upload(await pdfOf(3));
    expect(res.status).toBe(201);
    const { uploadId, pages } = (await res.json()) as { uploadId: string; pages: number };
    expect(pages).toBe(3);
    expect(await request(customer, 'document.share', { source: { kind: 'upload', uploadId } })).toMatchObject({ ok: false, error: { code: 'forbidden' } });

    const shared = nextEvent(customer, 'documentShared');
    const doc = await ok(expert, 'document.share', { source: { kind: 'upload', uploadId }, allowDownload: false });
    const seen = (await shared) as { document: { viewUrl: string; downloadUrl: string | null; pages: number } };
    expect(seen.document).toMatchObject({ pages: 3, downloadUrl: null });
    expect(await request(expert, 'document.share', { source: { kind: 'upload', uploadId } })).toMatchObject({ ok: false, error: { code: 'notFound' } });
    const view = await fetch(`${kanava.url}${seen.document.viewUrl}`);
    expect(view.status).toBe(200);
    expect(view.headers.get('content-type')).toBe('application/pdf');
    const viewed = new Uint8Array(await view.arrayBuffer());
    await qpdfCheck(viewed);
    expect(await pdfText(viewed)).toMatch(/Sivu 1 .*Sivu 2 .*Sivu 3/);

    const presented = nextEvent(customer, 'documentPresented');
    await ok(expert, 'document.present', { documentId: doc['documentId'], page: 2, zoom: 1.5 });
    expect(await presented).toMatchObject({ presentation: { page: 2, zoom: 1.5, presenterName: 'Mikko (Kela)' } });
    expect(await request(expert, 'document.present', { documentId: doc['documentId'], page: 4, zoom: 1 })).toMatchObject({ ok: false, error: { code: 'badRequest' } });
    expect(await request(customer, 'document.present', { documentId: doc['documentId'], page: 1, zoom: 1 })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const pointer = nextEvent(customer, 'documentPointer');
    await ok(expert, 'document.point', { pointer: { page: 2, x: 0.25, y: 0.75 } });
    expect(await pointer).toMatchObject({ pointer: { page: 2, x: 0.25, y: 0.75 } });
    expect(await request(expert, 'document.point', { pointer: { page: 2, x: 1.5, y: 0 } })).toMatchObject({ ok: false, error: { code: 'badRequest' } });

    // Someone who asks again (after reconnecting) lands on the presented page.
    expect(await ok(customer, 'document.list', {})).toMatchObject({ documents: [{ pages: 3 }], presentation: { page: 2, zoom: 1.5 } });

    const { cards } = (await ok(expert, 'document.serviceCards', {})) as { cards: Array<{ serviceId: string; serviceName: { fi: string } }> };
    const card = cards.find((c) => c.serviceName.fi === 'Yleinen asumistuki');
    expect(card).toBeDefined();
    const cardDoc = await ok(expert, 'document.share', { source: { kind: 'serviceCard', serviceId: card?.serviceId }, allowDownload: true });
    expect(cardDoc).toMatchObject({ source: 'serviceCard', pages: 1 });
    const cardRes = await fetch(`${kanava.url}${String(cardDoc['downloadUrl'])}`);
    expect(cardRes.headers.get('content-disposition')).toMatch(/^attachment/);
    // The text card rendered as a PDF is sound and readable outside Kanava.
    const cardPdf = new Uint8Array(await cardRes.arrayBuffer());
    expect(await qpdfCheck(cardPdf)).toMatch(/No syntax or stream encoding errors found/);
    expect(await pdfText(cardPdf)).toContain('asumistuki');

    await ok(expert, 'session.end', {});
    await expect.poll(async () => (await fetch(`${kanava.url}${seen.document.viewUrl}`)).status).toBe(404);
    expect((await fetch(`${kanava.url}${seen.document.viewUrl.replace(/exp=\d+/, 'exp=1')}`)).status).toBe(403);
    await ok(expert, 'room.leave', {});
  });
});
