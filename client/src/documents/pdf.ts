import type { PDFDocumentLoadingTask, PDFDocumentProxy } from 'pdfjs-dist';
// Bundled by Vite as an asset of our own origin: the CSP (worker-src 'self') allows it, and no CDN is involved.
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';

const open = new Map<string, PDFDocumentLoadingTask>();

/**
 * pdf.js is loaded on first use, not with the app: a point's link may be 384 kbit/s and
 * most calls never show a document.
 */
async function pdfjs() {
  const lib = await import('pdfjs-dist');
  lib.GlobalWorkerOptions.workerSrc = workerUrl;
  return lib;
}

/** Opens a session document once per device (the presenter flipping pages must not fetch it again). */
export async function loadPdf(documentId: string, url: string): Promise<PDFDocumentProxy> {
  let task = open.get(documentId);
  if (!task) {
    task = (await pdfjs()).getDocument({ url });
    const mine = task;
    mine.promise.catch(() => {
      if (open.get(documentId) === mine) open.delete(documentId);
    });
    open.set(documentId, task);
  }
  return task.promise;
}

/** Lets go of every opened document (the service session ended). */
export function forgetPdfs(): void {
  for (const task of open.values()) void task.destroy().catch(() => undefined);
  open.clear();
}
