import { createHash } from 'node:crypto';
import { fileTypeFromBuffer } from 'file-type';
import { EncryptedPDFError, PDFDocument } from 'pdf-lib';
import { MAX_DOCUMENT_BYTES, type UploadProblem } from '@kanava/shared';

export type PdfCheck = { ok: true; pages: number; sha256: string } | { ok: false; problem: UploadProblem };

/**
 * Decides from the bytes, never from a file name or a claimed content type, whether this is
 * a PDF people can look at: a PDF signature (file-type's magic-byte sniffing), under the size
 * cap, not encrypted, and parseable with at least one page. A file renamed to .pdf, a
 * truncated download or a PDF with a password is refused with its own reason.
 */
export async function checkPdf(bytes: Uint8Array, maxBytes = MAX_DOCUMENT_BYTES): Promise<PdfCheck> {
  if (bytes.byteLength === 0) return { ok: false, problem: 'empty' };
  if (bytes.byteLength > maxBytes) return { ok: false, problem: 'tooLarge' };
  const type = await fileTypeFromBuffer(bytes);
  if (type?.ext !== 'pdf') return { ok: false, problem: 'notPdf' };
  try {
    const doc = await PDFDocument.load(bytes, { updateMetadata: false, throwOnInvalidObject: true });
    const pages = doc.getPageCount();
    if (pages < 1) return { ok: false, problem: 'damaged' };
    return { ok: true, pages, sha256: sha256Hex(bytes) };
  } catch (err) {
    return { ok: false, problem: err instanceof EncryptedPDFError ? 'encrypted' : 'damaged' };
  }
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
