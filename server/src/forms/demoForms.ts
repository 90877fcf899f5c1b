import { PDFDocument, StandardFonts, rgb } from 'pdf-lib';
import { FormTemplateInputSchema, type FormTemplateInput } from '@kanava/shared';
import type { Records } from '../records/Records.ts';
import { FormTemplateRepository } from './FormTemplateRepository.ts';

const l = (fi: string, sv: string, en: string) => ({ fi, sv, en });

/** Fictional "Kela: housing allowance basics" form; the real AT 1 form is longer. */
export const demoHousingAllowance: FormTemplateInput = FormTemplateInputSchema.parse({
  name: l('Yleinen asumistuki – perustiedot', 'Allmänt bostadsbidrag – grunduppgifter', 'General housing allowance – basic details'),
  fields: [
    { id: 'identityCode', type: 'personalIdentityCode', required: true, pdfField: 'hakija_hetu', label: l('Henkilötunnus', 'Personbeteckning', 'Personal identity code'), help: l('Esimerkiksi 131052-308T', 'Till exempel 131052-308T', 'For example 131052-308T') },
    { id: 'fullName', type: 'text', required: true, pdfField: 'hakija_nimi', label: l('Nimi', 'Namn', 'Name') },
    { id: 'address', type: 'text', required: true, pdfField: 'osoite', label: l('Asunnon osoite', 'Bostadens adress', 'Address of the home') },
    { id: 'postalCode', type: 'text', required: true, pdfField: 'postinumero', label: l('Postinumero ja -toimipaikka', 'Postnummer och postanstalt', 'Postal code and town') },
    { id: 'moveInDate', type: 'date', required: true, pdfField: 'muuttopaiva', label: l('Muuttopäivä', 'Inflyttningsdag', 'Moving-in date') },
    { id: 'rent', type: 'number', required: true, pdfField: 'vuokra', label: l('Vuokra euroa kuukaudessa', 'Hyra euro i månaden', 'Rent in euros per month'), help: l('Ilman vesi- ja sähkömaksuja', 'Utan vatten- och elavgifter', 'Without water and electricity') },
    {
      id: 'household', type: 'choice', required: true, pdfField: 'talous', label: l('Kuka asunnossa asuu?', 'Vem bor i bostaden?', 'Who lives in the home?'),
      options: [
        { value: 'alone', label: l('Asun yksin', 'Jag bor ensam', 'I live alone') },
        { value: 'couple', label: l('Puolison kanssa', 'Med make/maka', 'With a spouse') },
        { value: 'family', label: l('Perheen kanssa', 'Med familjen', 'With my family') },
      ],
    },
    { id: 'phone', type: 'text', pdfField: 'puhelin', label: l('Puhelinnumero', 'Telefonnummer', 'Phone number') },
    { id: 'notes', type: 'multiline', pdfField: 'lisatiedot', label: l('Lisätietoja', 'Tilläggsuppgifter', 'More information') },
    { id: 'truthful', type: 'checkbox', required: true, pdfField: 'vakuutus', label: l('Vakuutan tiedot oikeiksi', 'Jag försäkrar att uppgifterna är riktiga', 'I declare the details are correct') },
  ],
});

/** A fictional provider PDF form (AcroForm) with the fields the demo template fills. */
export async function demoHousingAllowancePdf(): Promise<{ bytes: Uint8Array; fieldNames: string[] }> {
  const doc = await PDFDocument.create();
  doc.setTitle('Kela AT 1 (demo) – Yleinen asumistuki');
  const page = doc.addPage([595.28, 841.89]);
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  page.drawText('Kela – Yleinen asumistuki (AT 1, demo)', { x: 56, y: 780, size: 16, font: bold });
  page.drawText('Kuvitteellinen lomake Kanavan esittelyä varten.', { x: 56, y: 760, size: 10, font, color: rgb(0.3, 0.3, 0.3) });
  const form = doc.getForm();
  const rows: [string, string, number][] = [
    ['hakija_hetu', 'Henkilötunnus', 22],
    ['hakija_nimi', 'Nimi', 22],
    ['osoite', 'Asunnon osoite', 22],
    ['postinumero', 'Postinumero ja -toimipaikka', 22],
    ['muuttopaiva', 'Muuttopäivä', 22],
    ['vuokra', 'Vuokra €/kk', 22],
    ['talous', 'Kuka asunnossa asuu', 22],
    ['puhelin', 'Puhelinnumero', 22],
    ['lisatiedot', 'Lisätietoja', 60],
  ];
  let y = 720;
  for (const [name, label, height] of rows) {
    page.drawText(label, { x: 56, y, size: 10, font: bold });
    const field = form.createTextField(name);
    if (height > 22) field.enableMultiline();
    field.addToPage(page, { x: 56, y: y - height - 4, width: 480, height, font });
    y -= height + 28;
  }
  page.drawText('Vakuutan tiedot oikeiksi', { x: 80, y: y - 2, size: 10, font: bold });
  form.createCheckBox('vakuutus').addToPage(page, { x: 56, y: y - 6, width: 16, height: 16 });
  return { bytes: await doc.save(), fieldNames: form.getFields().map((f) => f.getName()) };
}

/** Gives the demo Kela housing-allowance service its form (once; an admin's later edits stay). */
export async function seedDemoForms(records: Records, now: Date): Promise<void> {
  const kela = await records.repos.providers.getByCode('kela');
  if (!kela) return;
  const service = (await records.repos.services.listByProvider(kela.id)).find((s) => s.code === 'housing-allowance');
  if (!service) return;
  const templates = new FormTemplateRepository(records.db);
  if ((await templates.listByService([service.id])).length > 0) return;
  const created = await templates.create(service.id, demoHousingAllowance, now);
  const pdf = await demoHousingAllowancePdf();
  await templates.setPdf(created.id, { fileName: 'kela-at1-demo.pdf', ...pdf }, now);
}
