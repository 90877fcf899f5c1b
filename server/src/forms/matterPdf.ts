import { PDFCheckBox, PDFDocument, PDFDropdown, PDFRadioGroup, PDFTextField, StandardFonts } from 'pdf-lib';
import { displayValue, localized, type FormField, type FormValues, type LocalizedText } from '@kanava/shared';
import { PageWriter } from '../documents/textPdf.ts';
import { winAnsi } from '../documents/winAnsi.ts';

export interface MatterMeta {
  formName: LocalizedText;
  serviceName: LocalizedText;
  receiptNumber: string;
  /** Helsinki local time, as printed. */
  submittedAtText: string;
}

/** The name of the machine-readable copy of the values attached to every filed PDF. */
export const MATTER_ATTACHMENT = 'kanava-matter.json';

/**
 * The filed PDF. With the provider's own PDF form, its AcroForm fields get the values and
 * are flattened (what was filed can no longer be edited in a PDF reader); without one, a
 * clean PDF lists the fields and values. Either way the values are attached as JSON, so the
 * authority's systems read them without retyping.
 */
export async function buildMatterPdf(fields: readonly FormField[], values: FormValues, meta: MatterMeta, providerPdf: Uint8Array | null): Promise<Uint8Array> {
  const doc = providerPdf ? await fillProviderPdf(providerPdf, fields, values) : await cleanPdf(fields, values, meta);
  const data = {
    receiptNumber: meta.receiptNumber,
    submittedAt: meta.submittedAtText,
    form: meta.formName.fi,
    service: meta.serviceName.fi,
    values: Object.fromEntries(fields.map((f) => [f.id, values[f.id] ?? ''])),
  };
  await doc.attach(new TextEncoder().encode(JSON.stringify(data, null, 2)), MATTER_ATTACHMENT, {
    mimeType: 'application/json',
    description: 'Lomakkeen tiedot koneluettavina / Formulärets uppgifter / Form values',
    creationDate: new Date(0),
    modificationDate: new Date(0),
  });
  doc.setSubject(winAnsi(`${meta.receiptNumber} ${meta.formName.fi}`));
  // Fixed dates: the same values give the same bytes apart from the receipt itself.
  doc.setCreationDate(new Date(0));
  doc.setModificationDate(new Date(0));
  return doc.save();
}

async function fillProviderPdf(bytes: Uint8Array, fields: readonly FormField[], values: FormValues): Promise<PDFDocument> {
  const doc = await PDFDocument.load(bytes, { updateMetadata: false });
  const form = doc.getForm();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (const f of fields) {
    if (!f.pdfField) continue;
    const target = form.getFields().find((x) => x.getName() === f.pdfField);
    const value = values[f.id];
    if (target instanceof PDFCheckBox) {
      if (value === true) target.check();
      else target.uncheck();
    } else if (target instanceof PDFTextField) {
      target.setText(winAnsi(displayValue(f, value)));
    } else if (target instanceof PDFDropdown || target instanceof PDFRadioGroup) {
      const option = typeof value === 'string' ? value : '';
      if (target.getOptions().includes(option)) target.select(option);
    }
  }
  form.updateFieldAppearances(font);
  form.flatten();
  return doc;
}

async function cleanPdf(fields: readonly FormField[], values: FormValues, meta: MatterMeta): Promise<PDFDocument> {
  const w = await PageWriter.create(meta.formName.fi);
  w.write(meta.formName.fi, { size: 16, bold: true, gapAfter: 2 });
  w.write(meta.serviceName.fi, { size: 12, gapAfter: 2 });
  w.write(`Vireillepanon numero / Ärendenummer / Receipt number: ${meta.receiptNumber}`, { size: 10, gapAfter: 0 });
  w.write(`Jätetty / Inlämnad / Submitted: ${meta.submittedAtText}`, { size: 10, gapAfter: 14 });
  for (const f of fields) {
    w.write(localized(f.label, 'fi'), { size: 10, bold: true, gapAfter: 0 });
    w.write(displayValue(f, values[f.id]) || '–', { size: 11, gapAfter: 10 });
  }
  return w.doc;
}
