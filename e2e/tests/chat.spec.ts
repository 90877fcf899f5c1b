import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { hangUpAndClose } from '../fixtures/cleanup.ts';
import { customerWaits } from '../fixtures/kiosk.ts';
import { demoStaff, kioskLinkOf, signedInStaff, staffJoins } from '../fixtures/staff.ts';

test.afterEach(async ({ browser }) => {
  await hangUpAndClose(browser);
});

const chat = (page: Page) => page.getByRole('region', { name: 'Viestit' });
const admit = (page: Page, name: string) =>
  page.getByRole('region', { name: /Odottamassa/ }).getByRole('listitem').filter({ hasText: name }).getByRole('button', { name: 'Päästä sisään' }).click();

test('customer and expert chat in the call; markup stays plain text; the next customer starts with an empty chat', async ({ browser }) => {
  const kiosk = await kioskLinkOf(browser, 'kristiinankaupunki');
  const mikko = await signedInStaff(browser, demoStaff.mikko, 'Mikko');
  await staffJoins(mikko, 'kristiinankaupunki');
  const aino = await customerWaits(browser, kiosk, 'Aino Chat');
  await admit(mikko.page, aino.name);
  await expect(aino.page.getByRole('toolbar')).toBeVisible();

  await chat(aino.page).getByLabel('Kirjoita viesti').fill('Puhelinnumeroni on 040 123 4567');
  await chat(aino.page).getByLabel('Kirjoita viesti').press('Enter');
  await expect(chat(mikko.page).getByRole('log')).toContainText('Puhelinnumeroni on 040 123 4567');
  await expect(chat(aino.page).getByLabel('Kirjoita viesti')).toHaveValue('');

  await chat(mikko.page).getByLabel('Kirjoita viesti').fill('<b>ei lihavoitu</b>');
  await chat(mikko.page).getByRole('button', { name: 'Lähetä' }).click();
  const log = chat(aino.page).getByRole('log');
  await expect(log).toContainText('<b>ei lihavoitu</b>');
  await expect(log.locator('b')).toHaveCount(0);
  // Both see the same conversation in the same order.
  const texts = (page: Page) => chat(page).locator('.chat-text').allTextContents();
  expect(await texts(aino.page)).toEqual(await texts(mikko.page));
  // The call screens, with chat and lobby, meet WCAG 2.1 AA for both the customer and the expert.
  for (const page of [aino.page, mikko.page]) {
    const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    expect(result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`)).toEqual([]);
  }

  await mikko.page.getByRole('button', { name: 'Päätä palvelu' }).click();
  await expect(aino.page.getByRole('heading', { name: 'Kiitos asioinnista!' })).toBeVisible();
  await expect(chat(mikko.page).getByRole('log')).not.toContainText('040 123 4567');

  const pekka = await customerWaits(browser, kiosk, 'Pekka Chat');
  await admit(mikko.page, pekka.name);
  await expect(pekka.page.getByRole('toolbar')).toBeVisible();
  await expect(chat(pekka.page).getByText('Ei viestejä vielä.')).toBeVisible();
  await expect(chat(pekka.page).getByRole('log')).not.toContainText('040 123 4567');
});
