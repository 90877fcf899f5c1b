import express, { type Response, type Router } from 'express';
import { z } from 'zod';
import { DocumentIdSchema, KanavaError, MAX_DOCUMENT_BYTES, type UploadedDocument } from '@kanava/shared';
import { authorised, parse } from '../http/routes/support.ts';
import type { MaterialRouteDeps } from './routes.ts';
import { checkPdf } from './pdfCheck.ts';
import { FileNameQuery, bodyBytes, pdfBody, uploadRefused } from './uploads.ts';

const IdParams = z.object({ id: DocumentIdSchema });

/** Sends a PDF that only its link's holders may see; never cached, never sniffed as anything else. */
export function sendPdf(res: Response, bytes: Uint8Array, fileName: string, disposition: 'inline' | 'attachment'): void {
  res.setHeader('Content-Type', 'application/pdf');
  res.setHeader('Content-Disposition', `${disposition}; filename*=UTF-8''${encodeURIComponent(fileName)}`);
  res.setHeader('Cache-Control', 'private, no-store');
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.send(Buffer.from(bytes));
}

const pdfName = (title: string) => (title.toLowerCase().endsWith('.pdf') ? title : `${title}.pdf`);

export function documentRoutes({ material }: MaterialRouteDeps): Router {
  const r = express.Router();
  const repo = material.documents.repo;

  /** An expert or advisor uploads a PDF to show in their session (shared over the socket by `document.share`). */
  r.post('/session-documents/uploads', pdfBody(MAX_DOCUMENT_BYTES), async (req, res) => {
    const user = authorised(res, (u) => u.roles.some((role) => role.kind === 'expert' || role.kind === 'advisor'));
    const { name } = parse(FileNameQuery, req.query);
    const bytes = bodyBytes(req.body);
    if (!bytes) throw uploadRefused('notPdf');
    const checked = await checkPdf(bytes);
    if (!checked.ok) throw uploadRefused(checked.problem);
    const uploadId = await repo.holdUpload({ title: name, bytes, pages: checked.pages, sha256: checked.sha256, by: user.id, now: new Date() });
    const answer: UploadedDocument = { uploadId, title: name, pages: checked.pages, size: bytes.byteLength };
    res.status(201).json(answer);
  });

  async function content(id: string, query: unknown, kind: 'document' | 'documentDownload') {
    const { id: documentId } = parse(IdParams, { id });
    if (!material.links.verify(kind, documentId, query)) throw new KanavaError('forbidden', 'this link is not valid (any more)');
    const doc = await repo.contentWhileSessionRuns(documentId);
    if (!doc) throw new KanavaError('notFound', 'the service session of this document has ended');
    if (kind === 'documentDownload' && !doc.allowDownload) throw new KanavaError('forbidden', 'downloading this document is not allowed');
    return doc;
  }

  r.get('/session-documents/:id', async (req, res) => {
    const doc = await content(req.params.id, req.query, 'document');
    sendPdf(res, doc.bytes, pdfName(doc.title), 'inline');
  });

  r.get('/session-documents/:id/download', async (req, res) => {
    const doc = await content(req.params.id, req.query, 'documentDownload');
    sendPdf(res, doc.bytes, pdfName(doc.title), 'attachment');
  });

  return r;
}
