import type { LocalizedText } from '@kanava/shared';
import { PageWriter } from '../documents/textPdf.ts';

export interface ReceiptFacts {
  receiptNumber: string;
  submittedAtText: string;
  serviceName: LocalizedText;
  formName: LocalizedText;
  sha256: string;
  pointName: string;
}

/** The customer's printable receipt, in all three languages (the kiosk prints it for whoever sits there). */
export async function buildReceiptPdf(r: ReceiptFacts): Promise<Uint8Array> {
  const w = await PageWriter.create(`Kuitti ${r.receiptNumber}`);
  w.write('Kuitti – Kvitto – Receipt', { size: 20, bold: true, gapAfter: 10 });
  w.write('Asiasi on jätetty vireille. / Ditt ärende har lämnats in. / Your matter has been submitted.', { size: 13, gapAfter: 16 });
  const rows: [string, string][] = [
    ['Numero / Nummer / Number', r.receiptNumber],
    ['Aika / Tid / Time', r.submittedAtText],
    ['Palvelu / Tjänst / Service', `${r.serviceName.fi} / ${r.serviceName.sv} / ${r.serviceName.en}`],
    ['Lomake / Formulär / Form', `${r.formName.fi} / ${r.formName.sv} / ${r.formName.en}`],
    ['Asiointipiste / Servicepunkt / Service point', r.pointName],
    ['Tarkiste (SHA-256) / Kontrollsumma / Checksum', r.sha256],
  ];
  for (const [label, value] of rows) {
    w.write(label, { size: 10, bold: true, gapAfter: 0 });
    w.write(value, { size: 13, gapAfter: 10 });
  }
  w.space(10);
  w.write('Tarkisteella voit todentaa, että jätetty asiakirja on muuttumaton. / Med kontrollsumman kan du kontrollera att handlingen är oförändrad. / The checksum proves that the filed document is unchanged.', { size: 9 });
  return w.doc.save();
}
