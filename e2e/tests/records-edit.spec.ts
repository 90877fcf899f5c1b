import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { demoAccounts, signIn } from '../fixtures/auth.ts';

async function expectAccessible(page: Page) {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)).toEqual([]);
}

// Each test makes its own records (other specs in the run rely on the demo data's names).

test('a platform admin edits a provider and changes an account’s roles, by keyboard, with errors named at the field', async ({ page }) => {
  await signIn(page, demoAccounts.admin);

  // A provider of our own, then edited: the editor opens with the focus in it.
  await page.goto('/admin/providers');
  await page.getByLabel('Tunnus').fill('lupavirasto');
  await page.getByLabel('Nimi suomeksi').fill('Lupavirasto');
  await page.getByLabel('Nimi ruotsiksi').fill('Tillståndsverket');
  await page.getByLabel('Nimi englanniksi').fill('Permit Agency');
  await page.getByRole('button', { name: 'Luo', exact: true }).click();
  await expect(page.getByRole('status')).toHaveText('Palveluntuottaja luotu.');
  await page.getByRole('button', { name: 'Muokkaa: Lupavirasto' }).focus();
  await page.keyboard.press('Enter');
  const editor = page.getByRole('form', { name: 'Muokkaa palveluntuottajaa: Lupavirasto' });
  await expect(editor.getByRole('heading', { name: 'Muokkaa palveluntuottajaa: Lupavirasto' })).toBeFocused();
  await expect(editor.getByLabel('Nimi ruotsiksi')).toHaveValue('Tillståndsverket');
  await expect(editor.getByLabel('Tunnus')).toHaveCount(0); // the code never changes
  await editor.getByLabel('Nimi suomeksi').fill('');
  await editor.getByRole('button', { name: 'Tallenna' }).click();
  await expect(editor.getByRole('alert')).toContainText('Nimi suomeksi: required');
  await expect(editor.getByLabel('Nimi suomeksi')).toHaveAttribute('aria-invalid', 'true');
  await expectAccessible(page);
  await editor.getByLabel('Nimi suomeksi').fill('Lupa- ja valvontavirasto');
  await editor.getByLabel('Yhteyssähköposti').fill('kirjaamo@lupavirasto.example');
  await editor.getByLabel('Yhteyssähköposti').press('Enter');
  // The editor now bears the saved name.
  const saved = page.getByRole('form', { name: 'Muokkaa palveluntuottajaa: Lupa- ja valvontavirasto' });
  await expect(saved.getByRole('status')).toHaveText('Tallennettu.');
  const row = page.getByRole('row', { name: /lupavirasto/ });
  await expect(row).toContainText('Lupa- ja valvontavirasto');
  await expect(row).toContainText('kirjaamo@lupavirasto.example');
  await saved.getByRole('button', { name: 'Sulje' }).click();
  await expect(saved).toHaveCount(0);

  // An advisor account becomes an expert of Kela: add one role, remove the other, save.
  await page.goto('/admin/accounts');
  await page.getByLabel('Sähköposti', { exact: true }).fill('roolit.testi@kanava.example');
  await page.getByLabel('Nimi', { exact: true }).fill('Riikka Roolitesti');
  await page.getByLabel('Rooli', { exact: true }).selectOption({ label: 'Palveluneuvoja' });
  await page.getByLabel('Kohde', { exact: true }).selectOption({ label: 'Kuhmon asiointipiste' });
  await page.getByRole('button', { name: 'Luo', exact: true }).click();
  await expect(page.getByRole('form', { name: 'Uusi käyttäjätili' }).getByRole('status')).toHaveText('Käyttäjätili luotu.');
  await page.getByRole('button', { name: 'Roolit: Riikka Roolitesti' }).click();
  const roles = page.getByRole('form', { name: 'Roolit: Riikka Roolitesti' });
  await expect(roles.getByRole('heading', { name: 'Roolit: Riikka Roolitesti' })).toBeFocused();
  await expect(roles.getByRole('list', { name: 'Roolit' })).toHaveText(/Palveluneuvoja · Kuhmon asiointipiste/);

  // Removing every role is refused, with the reason.
  await roles.getByRole('button', { name: 'Poista rooli: Palveluneuvoja · Kuhmon asiointipiste' }).click();
  await expect(roles.getByText('Ei rooleja.')).toBeVisible();
  await roles.getByRole('button', { name: 'Tallenna roolit' }).click();
  await expect(roles.getByRole('alert')).toContainText('Roolit: at least one role');

  await roles.getByLabel('Rooli', { exact: true }).selectOption({ label: 'Asiantuntija' });
  await roles.getByLabel('Kohde', { exact: true }).selectOption({ label: 'Kela' });
  await roles.getByRole('button', { name: 'Lisää rooli' }).click();
  await expect(roles.getByRole('list', { name: 'Roolit' })).toHaveText(/Asiantuntija · Kela/);
  await expectAccessible(page);
  await roles.getByRole('button', { name: 'Tallenna roolit' }).press('Enter');
  await expect(roles.getByRole('status')).toHaveText('Roolit tallennettu.');
  const account = page.getByRole('row', { name: /Riikka Roolitesti/ });
  await expect(account).toContainText('Asiantuntija · Kela');
  await expect(account).not.toContainText('Palveluneuvoja');

  // The same editor in Swedish.
  await page.getByRole('button', { name: 'Svenska' }).click();
  await expect(page.getByRole('heading', { name: 'Roller: Riikka Roolitesti' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Spara rollerna' })).toBeVisible();
});

test('a provider admin renames a service, edits its classifications and makes an expert a provider admin', async ({ page }) => {
  await signIn(page, demoAccounts.kelaAdmin);
  await page.goto('/provider');
  await expect(page.getByRole('heading', { name: 'Palvelut', level: 2 })).toBeVisible();

  const newService = page.getByRole('form', { name: 'Uusi palvelu' });
  await newService.getByLabel('Tunnus').fill('sickness-allowance');
  await newService.getByLabel('Nimi suomeksi').fill('Sairauspäivärahat');
  await newService.getByLabel('Nimi ruotsiksi').fill('Sjukdagpenning');
  await newService.getByLabel('Nimi englanniksi').fill('Sickness allowance');
  await newService.getByRole('button', { name: 'Luo', exact: true }).click();
  await expect(newService.getByRole('status')).toHaveText('Palvelu luotu.');

  await page.getByRole('button', { name: 'Muokkaa: Sairauspäivärahat' }).click();
  const editor = page.getByRole('form', { name: 'Muokkaa palvelua: Sairauspäivärahat' });
  await expect(editor.getByRole('heading', { name: 'Muokkaa palvelua: Sairauspäivärahat' })).toBeFocused();
  // A classification line without its names is refused at the field.
  await editor.getByLabel('Suoritteet').fill('sairaus');
  await editor.getByRole('button', { name: 'Tallenna' }).click();
  await expect(editor.getByRole('alert')).toContainText('Suoritteet:');
  await editor.getByLabel('Nimi suomeksi').fill('Sairauspäiväraha');
  await editor.getByLabel('Suoritteet').fill('sairaus-neuvonta; Sairauspäivärahaneuvonta; Rådgivning om sjukdagpenning; Sickness allowance advice');
  await editor.getByRole('button', { name: 'Tallenna' }).click();
  await expect(page.getByRole('form', { name: 'Muokkaa palvelua: Sairauspäiväraha' }).getByRole('status')).toHaveText('Tallennettu.');
  const row = page.getByRole('row', { name: /Sairauspäiväraha/ });
  await expect(row).toContainText('Sairauspäivärahaneuvonta');
  await expectAccessible(page);

  // A new expert of Kela, then also made Kela's provider admin (the only provider this admin may give).
  const newExpert = page.getByRole('form', { name: 'Uusi asiantuntija' });
  await newExpert.getByLabel('Sähköposti').fill('uusi.asiantuntija@kanava.example');
  await newExpert.getByLabel('Nimi', { exact: true }).fill('Ulla Uusi');
  await newExpert.getByRole('button', { name: 'Luo', exact: true }).click();
  await expect(newExpert.getByRole('status')).toHaveText('Käyttäjätili luotu.');
  await page.getByRole('button', { name: 'Roolit: Ulla Uusi' }).click();
  const roles = page.getByRole('form', { name: 'Roolit: Ulla Uusi' });
  await expect(roles.getByLabel('Kohde')).toHaveCount(0);
  await roles.getByLabel('Rooli', { exact: true }).selectOption({ label: 'Palveluntuottajan pääkäyttäjä' });
  await roles.getByRole('button', { name: 'Lisää rooli' }).click();
  await roles.getByRole('button', { name: 'Tallenna roolit' }).click();
  await expect(roles.getByRole('status')).toHaveText('Roolit tallennettu.');
  await expect(page.getByRole('listitem').filter({ hasText: 'Ulla Uusi' })).toContainText('Asiantuntija · Kela, Palveluntuottajan pääkäyttäjä · Kela');
  await expectAccessible(page);
});
