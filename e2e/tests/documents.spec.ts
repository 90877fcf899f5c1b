import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { hangUpAndClose } from '../fixtures/cleanup.ts';
import { customerWaits } from '../fixtures/kiosk.ts';
import { numberedPdf } from '../fixtures/pdfs.ts';
import { demoStaff, kioskLinkOf, signedInStaff, staffJoins } from '../fixtures/staff.ts';

test.afterEach(async ({ browser }) => {
  await hangUpAndClose(browser);
});

const documents = (page: Page) => page.getByRole('region', { name: 'Asiakirjat' });
const admit = (page: Page, name: string) =>
  page.getByRole('region', { name: /Odottamassa/ }).getByRole('listitem').filter({ hasText: name }).getByRole('button', { name: 'Päästä sisään' }).click();

test('the expert shares a PDF; the customer’s view follows page, zoom and pointer; bad files are refused plainly', async ({ browser }) => {
  const kiosk = await kioskLinkOf(browser, 'suomussalmi');
  const mikko = await signedInStaff(browser, demoStaff.mikko, 'Mikko');
  await staffJoins(mikko, 'suomussalmi');
  const aino = await customerWaits(browser, kiosk, 'Aino Docs');
  await admit(mikko.page, aino.name);
  await expect(aino.page.getByRole('toolbar')).toBeVisible();

  const upload = documents(mikko.page).getByLabel('Jaa PDF-tiedosto');
  // A picture renamed to .pdf: the server looks at the bytes and refuses it.
  await upload.setInputFiles({ name: 'kuva.pdf', mimeType: 'application/pdf', buffer: Buffer.from('GIF89a\x01\x00\x01\x00 not a pdf') });
  await expect(documents(mikko.page).getByRole('alert')).toHaveText('Tiedosto ei ole PDF-tiedosto.');
  await upload.setInputFiles({ name: 'iso.pdf', mimeType: 'application/pdf', buffer: Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(11 * 1024 * 1024)]) });
  await expect(documents(mikko.page).getByRole('alert')).toHaveText('Tiedosto on liian suuri. Enintään 10 Mt.');
  // The same oversized file sent past the browser's check: the server refuses it too, with the reason.
  const direct = await mikko.context.request.post('/api/session-documents/uploads?name=iso.pdf', { headers: { 'content-type': 'application/pdf' }, data: Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(11 * 1024 * 1024)]) });
  expect(direct.status()).toBe(400);
  expect(await direct.json()).toMatchObject({ error: { fields: [{ path: 'file', message: 'tooLarge' }] } });

  await upload.setInputFiles({ name: 'paatos.pdf', mimeType: 'application/pdf', buffer: await numberedPdf(3) });
  await expect(documents(mikko.page).getByText('Jaettu: paatos.pdf')).toBeVisible();
  const ainoPage = documents(aino.page).getByTestId('document-page');
  await expect(ainoPage).toContainText('Sivu 1 / 3');
  await expect(documents(aino.page).locator('[data-rendered-page="1"]')).toBeVisible();

  // The expert shows page 2; the customer's screen follows.
  await documents(mikko.page).getByRole('button', { name: 'Seuraava sivu' }).click();
  await expect(ainoPage).toContainText('Sivu 2 / 3');
  await expect(documents(aino.page).locator('[data-rendered-page="2"]')).toBeVisible();
  await expect(documents(aino.page).getByText('Mikko Asiantuntija (Kela) näyttää sivua 2.')).toBeVisible();
  await documents(mikko.page).getByRole('button', { name: 'Suurenna' }).click();
  await expect(ainoPage).toContainText('Koko 125 %');
  // The customer cannot steer, nor download a document that was not allowed for download.
  await expect(documents(aino.page).getByRole('button', { name: 'Seuraava sivu' })).toHaveCount(0);
  await expect(documents(aino.page).getByRole('link', { name: 'Lataa asiakirja' })).toHaveCount(0);

  // Where the expert points, the customer sees the pointer.
  const canvas = documents(mikko.page).getByRole('img', { name: /^Sivu 2/ });
  await canvas.hover({ position: { x: 100, y: 80 } });
  await canvas.hover({ position: { x: 160, y: 120 } });
  await expect(documents(aino.page).locator('.document-pointer')).toBeVisible();

  for (const page of [aino.page, mikko.page]) {
    const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    expect(result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`)).toEqual([]);
  }

  // The next customer sees none of it.
  await mikko.page.getByRole('button', { name: 'Päätä palvelu' }).click();
  await expect(documents(mikko.page).getByTestId('document-page')).toHaveCount(0);
});
