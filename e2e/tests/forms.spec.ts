import { createHash } from 'node:crypto';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { PDFDocument } from 'pdf-lib';
import { hangUpAndClose } from '../fixtures/cleanup.ts';
import { customerWaits } from '../fixtures/kiosk.ts';
import { attachmentText, externalPdfCheck } from '../fixtures/pdfs.ts';
import { demoStaff, kioskLinkOf, signedInStaff, staffJoins } from '../fixtures/staff.ts';

test.afterEach(async ({ browser }) => {
  await hangUpAndClose(browser);
});

const forms = (page: Page) => page.getByRole('region', { name: 'Lomakkeet' });
const form = (page: Page) => forms(page).getByRole('form', { name: /Yleinen asumistuki – perustiedot/ });
const admit = (page: Page, name: string) =>
  page.getByRole('region', { name: /Odottamassa/ }).getByRole('listitem').filter({ hasText: name }).getByRole('button', { name: 'Päästä sisään' }).click();

test('customer and expert fill in a form together, typing at once without losing edits; submit files a PDF that matches the receipt', async ({ browser }) => {
  const kiosk = await kioskLinkOf(browser, 'inari');
  const mikko = await signedInStaff(browser, demoStaff.mikko, 'Mikko');
  await staffJoins(mikko, 'inari');
  const aino = await customerWaits(browser, kiosk, 'Aino Lomake');
  await admit(mikko.page, aino.name);
  await expect(aino.page.getByRole('toolbar')).toBeVisible();

  await forms(mikko.page).getByLabel('Valitse lomake').selectOption({ label: 'Yleinen asumistuki – perustiedot (Yleinen asumistuki)' });
  await forms(mikko.page).getByRole('button', { name: 'Avaa lomake' }).click();
  await expect(form(aino.page)).toBeVisible();

  // Both type into the same field at the same moment; both end with the same text holding every keystroke.
  const address = (page: Page) => form(page).getByLabel(/^Asunnon osoite/);
  await address(aino.page).click();
  await address(mikko.page).click();
  await Promise.all([address(aino.page).pressSequentially('ainoainoaino', { delay: 25 }), address(mikko.page).pressSequentially('MIKKOMIKKO', { delay: 30 })]);
  await expect.poll(async () => [await address(aino.page).inputValue(), await address(mikko.page).inputValue()], { timeout: 10_000 }).toEqual([expect.any(String), expect.any(String)]);
  await expect.poll(async () => (await address(aino.page).inputValue()) === (await address(mikko.page).inputValue())).toBe(true);
  const merged = await address(aino.page).inputValue();
  expect([...merged].sort().join('')).toBe([...'ainoainoainoMIKKOMIKKO'].sort().join(''));
  expect(merged.replace(/[A-Z]/g, '')).toBe('ainoainoaino');
  expect(merged.replace(/[a-z]/g, '')).toBe('MIKKOMIKKO');

  // Each sees where the other is typing.
  await form(aino.page).getByLabel(/^Puhelinnumero/).click();
  await expect(form(mikko.page).getByText('Aino Lomake kirjoittaa tähän')).toBeVisible();

  // An invalid identity code is shown at its field when the expert tries to submit.
  await form(aino.page).getByLabel(/^Henkilötunnus/).fill('131052-308U');
  await form(mikko.page).getByLabel(/^Nimi/).fill('Aino Äijälä');
  await expect(form(aino.page).getByLabel(/^Nimi/)).toHaveValue('Aino Äijälä');
  await form(mikko.page).getByRole('button', { name: 'Jätä vireille' }).click();
  await expect(form(mikko.page).getByText('Henkilötunnus ei ole oikein. Tarkista numerot ja viimeinen merkki.')).toBeVisible();
  await expect(form(mikko.page).getByLabel(/^Henkilötunnus/)).toHaveAttribute('aria-invalid', 'true');

  await form(aino.page).getByLabel(/^Henkilötunnus/).fill('131052-308T');
  await form(aino.page).getByLabel(/^Postinumero/).fill('99870 Inari');
  await form(aino.page).getByLabel(/^Muuttopäivä/).fill('2026-02-01');
  await form(aino.page).getByLabel(/^Vuokra/).fill('650,50');
  await form(aino.page).getByLabel('Asun yksin').check();
  await form(aino.page).getByLabel(/^Vakuutan tiedot oikeiksi/).check();
  await expect(form(mikko.page).getByLabel(/^Vakuutan tiedot oikeiksi/)).toBeChecked();
  await expect(form(mikko.page).getByLabel(/^Vuokra/)).toHaveValue('650,50');

  for (const page of [aino.page, mikko.page]) {
    const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    expect(result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`)).toEqual([]);
  }

  await form(mikko.page).getByRole('button', { name: 'Jätä vireille' }).click();
  // The customer gets the receipt on screen; the form is read-only for both.
  const receipt = form(aino.page).getByRole('region', { name: 'Kuitti: asia on jätetty' });
  await expect(receipt).toBeVisible();
  const hash = (await receipt.getByTestId('receipt-hash').textContent())?.trim() ?? '';
  const number = (await receipt.getByTestId('receipt-number').textContent())?.trim() ?? '';
  expect(hash).toMatch(/^[0-9a-f]{64}$/);
  await expect(receipt.getByRole('button', { name: 'Tulosta kuitti' })).toBeVisible();
  await expect(form(aino.page).getByLabel(/^Nimi/)).toHaveAttribute('readonly', '');
  await expect(form(mikko.page).getByRole('button', { name: 'Jätä vireille' })).toHaveCount(0);

  // The expert downloads the filed PDF: its SHA-256 is the receipt's, and it holds what was typed.
  const href = await form(mikko.page).getByRole('link', { name: 'Lataa jätetty asiakirja (PDF)' }).getAttribute('href');
  const res = await mikko.context.request.get(href ?? '');
  expect(res.ok()).toBe(true);
  const bytes = await res.body();
  expect(createHash('sha256').update(bytes).digest('hex')).toBe(hash);
  const pdf = await PDFDocument.load(bytes);
  expect(pdf.getForm().getFields()).toHaveLength(0);
  const filed = JSON.parse(attachmentText(pdf, 'kanava-matter.json')) as { receiptNumber: string; values: Record<string, unknown> };
  expect(filed.receiptNumber).toBe(number);
  expect(filed.values).toMatchObject({ identityCode: '131052-308T', fullName: 'Aino Äijälä', address: merged, postalCode: '99870 Inari', moveInDate: '2026-02-01', rent: '650,50', household: 'alone', truthful: true });
  // qpdf finds the filed PDF sound and pdftotext reads the typed values from its pages.
  const external = await externalPdfCheck(bytes);
  expect(external.qpdf).toMatch(/No syntax or stream encoding errors found/);
  for (const typed of ['131052-308T', 'Aino Äijälä', '99870 Inari', '650,50']) expect(external.text).toContain(typed);
  // The printable receipt is a PDF of our own origin.
  const printable = await aino.context.request.get((await receipt.getAttribute('data-receipt-url')) ?? '');
  expect(printable.headers()['content-type']).toBe('application/pdf');
});

test('the provider admin sees the service’s form template with its PDF mapping, on an accessible screen', async ({ browser }) => {
  const admin = await signedInStaff(browser, 'kela.admin@kanava.example', 'Kaisa');
  await admin.page.goto('/provider');
  await admin.page.getByRole('link', { name: 'Lomakepohjat' }).click();
  await admin.page.getByLabel('Palvelu', { exact: true }).selectOption({ label: 'Yleinen asumistuki' });
  const row = admin.page.getByRole('listitem').filter({ hasText: 'Yleinen asumistuki – perustiedot' });
  await row.getByRole('button', { name: 'Muokkaa' }).click();
  await expect(admin.page.getByLabel('Lomakkeen nimi (fi)').first()).toHaveValue('Yleinen asumistuki – perustiedot');
  await expect(admin.page.getByText('kela-at1-demo.pdf: 10 kenttää')).toBeVisible();
  const result = await new AxeBuilder({ page: admin.page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`)).toEqual([]);
});

test('a customer whose connection drops keeps typing; on return the edits merge with what the expert typed meanwhile', async ({ browser }) => {
  const kiosk = await kioskLinkOf(browser, 'inari');
  const mikko = await signedInStaff(browser, demoStaff.mikko, 'Mikko');
  await staffJoins(mikko, 'inari');
  const aino = await customerWaits(browser, kiosk, 'Aino Offline');
  await admit(mikko.page, aino.name);
  await expect(aino.page.getByRole('toolbar')).toBeVisible();
  await forms(mikko.page).getByLabel('Valitse lomake').selectOption({ label: 'Yleinen asumistuki – perustiedot (Yleinen asumistuki)' });
  await forms(mikko.page).getByRole('button', { name: 'Avaa lomake' }).click();
  await expect(form(aino.page)).toBeVisible();

  const address = (page: Page) => form(page).getByLabel(/^Asunnon osoite/);
  await address(aino.page).fill('Kainuuntie 1');
  await expect(address(mikko.page)).toHaveValue('Kainuuntie 1');

  // The kiosk loses its network: the call says it is reconnecting, and the form can still be typed in.
  await aino.context.setOffline(true);
  await expect(aino.page.getByText('Yhteys katkesi. Yhdistetään uudelleen…')).toBeVisible();
  await address(aino.page).press('End');
  await address(aino.page).pressSequentially(' A 2');
  await form(aino.page).getByLabel(/^Puhelinnumero/).fill('040 765 4321');
  // Meanwhile the expert types at the start of the same field and in another one.
  await address(mikko.page).press('Home');
  await address(mikko.page).pressSequentially('Os. ');
  await form(mikko.page).getByLabel(/^Nimi/).fill('Aino Äijälä');
  await expect(form(mikko.page).getByLabel(/^Puhelinnumero/)).toHaveValue('');

  // Back online: both end with every edit of both.
  await aino.context.setOffline(false);
  await expect(aino.page.getByText('Yhteys katkesi. Yhdistetään uudelleen…')).toBeHidden({ timeout: 60_000 });
  for (const page of [aino.page, mikko.page]) {
    await expect(address(page)).toHaveValue('Os. Kainuuntie 1 A 2');
    await expect(form(page).getByLabel(/^Puhelinnumero/)).toHaveValue('040 765 4321');
    await expect(form(page).getByLabel(/^Nimi/)).toHaveValue('Aino Äijälä');
  }
});
