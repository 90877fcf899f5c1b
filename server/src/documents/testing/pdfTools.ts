import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * PDFs checked by tools that are not ours (Debian's qpdf and poppler-utils, installed by
 * `./kanava test`): what a reader outside Kanava gets, not what pdf-lib reads back.
 */
async function withFile<T>(bytes: Uint8Array, use: (file: string) => Promise<T>): Promise<T> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'kanava-pdf-'));
  try {
    const file = path.join(dir, 'checked.pdf');
    await fs.writeFile(file, bytes);
    return await use(file);
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

/** `qpdf --check`: exit 0 means the structure is sound (exit 3 = warnings, 2 = errors; both fail here). */
export function qpdfCheck(bytes: Uint8Array): Promise<string> {
  return withFile(bytes, async (file) => (await run('qpdf', ['--check', file])).stdout);
}

/** The text a reader extracts, in reading order, whitespace folded to single spaces. */
export function pdfText(bytes: Uint8Array): Promise<string> {
  return withFile(bytes, async (file) => (await run('pdftotext', ['-enc', 'UTF-8', file, '-'])).stdout.replace(/\s+/g, ' '));
}
