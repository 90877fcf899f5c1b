import { PDFDocument, StandardFonts, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import { winAnsi } from './winAnsi.ts';

/** A4 in points, with 2 cm margins. */
export const A4 = { width: 595.28, height: 841.89, margin: 56.7 };

/** Breaks text into lines that fit `width` at `size`, keeping the author's own line breaks. */
export function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const lines: string[] = [];
  for (const paragraph of winAnsi(text).split('\n')) {
    let line = '';
    for (const word of paragraph.split(/ +/)) {
      const candidate = line ? `${line} ${word}` : word;
      if (font.widthOfTextAtSize(candidate, size) <= width || !line) line = candidate;
      else {
        lines.push(line);
        line = word;
      }
    }
    lines.push(line);
  }
  return lines;
}

/** Writes lines top-down, starting new A4 pages as needed. */
export class PageWriter {
  readonly doc: PDFDocument;
  readonly font: PDFFont;
  readonly bold: PDFFont;
  #page: PDFPage;
  #y: number;

  private constructor(doc: PDFDocument, font: PDFFont, bold: PDFFont) {
    this.doc = doc;
    this.font = font;
    this.bold = bold;
    this.#page = doc.addPage([A4.width, A4.height]);
    this.#y = A4.height - A4.margin;
  }

  static async create(title: string): Promise<PageWriter> {
    const doc = await PDFDocument.create();
    doc.setTitle(winAnsi(title));
    doc.setCreator('Kanava');
    doc.setProducer('Kanava (pdf-lib)');
    return new PageWriter(doc, await doc.embedFont(StandardFonts.Helvetica), await doc.embedFont(StandardFonts.HelveticaBold));
  }

  write(text: string, { size = 11, bold = false, gapAfter = 4 }: { size?: number; bold?: boolean; gapAfter?: number } = {}): void {
    const font = bold ? this.bold : this.font;
    for (const line of wrap(text, font, size, A4.width - 2 * A4.margin)) {
      if (this.#y - size < A4.margin) {
        this.#page = this.doc.addPage([A4.width, A4.height]);
        this.#y = A4.height - A4.margin;
      }
      this.#y -= size * 1.3;
      this.#page.drawText(line, { x: A4.margin, y: this.#y, size, font, color: rgb(0, 0, 0) });
    }
    this.#y -= gapAfter;
  }

  space(points: number): void {
    this.#y -= points;
  }
}

/** A text service card as a PDF, so it is shown with the same viewer as every other document. */
export async function textToPdf(title: string, body: string): Promise<Uint8Array> {
  const w = await PageWriter.create(title);
  w.write(title, { size: 16, bold: true, gapAfter: 12 });
  w.write(body);
  return w.doc.save();
}
