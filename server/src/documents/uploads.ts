import express from 'express';
import { z } from 'zod';
import type { UploadProblem } from '@kanava/shared';
import { ValidationError } from '../http/routes/support.ts';

const messages: Record<UploadProblem, string> = {
  tooLarge: 'the file is too large',
  notPdf: 'the file is not a PDF',
  damaged: 'the PDF is damaged and cannot be opened',
  encrypted: 'the PDF is password-protected',
  empty: 'the file is empty',
};

/** A refused upload: a 400 whose field "file" carries the reason code the client translates. */
export function uploadRefused(problem: UploadProblem): ValidationError {
  const err = new ValidationError([{ path: 'file', message: problem }]);
  err.message = `${messages[problem]} (${problem})`;
  return err;
}

/** Reads an application/pdf body up to `limit` bytes; anything else arrives as an empty body. */
export function pdfBody(limit: number) {
  return express.raw({ type: () => true, limit });
}

export const FileNameQuery = z.object({
  name: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .regex(/^[^/\\\u0000-\u001f]+$/, 'a file name')
    .default('document.pdf'),
});

/** The bytes of a raw body (empty when none was sent); undefined when the body was JSON, not a file. */
export function bodyBytes(body: unknown): Uint8Array | undefined {
  if (Buffer.isBuffer(body)) return new Uint8Array(body.buffer, body.byteOffset, body.byteLength);
  return body === undefined || (typeof body === 'object' && body !== null && Object.keys(body).length === 0) ? new Uint8Array() : undefined;
}
