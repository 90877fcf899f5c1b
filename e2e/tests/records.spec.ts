import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { demoAccounts, signIn, signOut } from '../fixtures/auth.ts';
import { customerWaits } from '../fixtures/kiosk.ts';

async function expectAccessible(page: Page) {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)).toEqual([]);
}

test('the sign-in page is accessible, names a wrong password plainly and works in Swedish', async ({ page }) => {
  await page.goto('/sign-in');
  await expect(page.getByRole('heading', { name: 'Kirjaudu sisään' })).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel('Sähköpostiosoite').fill(demoAccounts.admin);
  await page.getByLabel('Salasana', { exact: true }).fill('not-the-password');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('alert')).toHaveText('Sähköpostiosoite tai salasana on väärin.');
  await page.getByRole('button', { name: 'Svenska' }).click();
  await expect(page.getByRole('heading', { name: 'Logga in' })).toBeVisible();
  await expect(page.getByLabel('E-postadress')).toBeVisible();
});

test('a person the organisation sign-in found no account for is told so plainly on the sign-in page', async ({ page }) => {
  // Where Kanava's OIDC callback sends an unknown person (server/src/auth/oidc.integration.test.ts runs the whole flow).
  await page.goto('/sign-in?error=noAccount');
  await expect(page.getByRole('alert')).toHaveText('Organisaatiosi tunnuksella ei löytynyt Kanava-tiliä. Pyydä pääkäyttäjää luomaan tili.');
  await expectAccessible(page);
  await page.goto('/sign-in?error=failed');
  await expect(page.getByRole('alert')).toHaveText('Kirjautuminen organisaation tunnuksella ei onnistunut.');
});

test('a staff screen sends a signed-out visitor to sign in and back', async ({ page }) => {
  await page.goto('/admin/accounts');
  await expect(page).toHaveURL(/\/sign-in\?next=%2Fadmin%2Faccounts/);
  await page.getByLabel('Sähköpostiosoite').fill(demoAccounts.admin);
  await page.getByLabel('Salasana', { exact: true }).fill('kanava-demo-2025');
  await page.getByRole('button', { name: 'Kirjaudu', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Käyttäjätilit', level: 1 })).toBeVisible();
});

test('an admin sets up a new service point from nothing to live through the screens', async ({ page, browser }) => {
  await signIn(page, demoAccounts.admin);
  await expect(page.getByRole('heading', { name: 'Asiointipisterekisteri' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Kuhmon asiointipiste' })).toBeVisible();
  await expectAccessible(page);

  // 1. The point in the registry; a bad link is refused with the field named.
  await page.getByRole('link', { name: 'Uusi asiointipiste' }).click();
  await page.getByLabel('Huoneen osoite (pysyvä)').fill('Hyrynsalmi!');
  await page.getByLabel('Nimi suomeksi').fill('Hyrynsalmen asiointipiste');
  await page.getByLabel('Nimi ruotsiksi').fill('Hyrynsalmi servicepunkt');
  await page.getByLabel('Kunta').fill('Hyrynsalmi');
  await page.getByLabel('Katuosoite').fill('Keskustie 1');
  await page.getByLabel('Postinumero').fill('89400');
  await page.getByLabel('Vastuuhenkilö').fill('Hilla Neuvoja');
  await page.getByLabel('Maanantai').fill('09:00-15:00');
  await page.getByLabel('Tiistai').fill('09:00-15:00');
  await page.getByLabel('Dokumenttikamera').check();
  await page.getByRole('button', { name: 'Luo', exact: true }).click();
  await expect(page.getByRole('alert')).toContainText('Huoneen osoite (pysyvä): lower-case letters, digits and dashes');
  await expect(page.getByLabel('Huoneen osoite (pysyvä)')).toHaveAttribute('aria-invalid', 'true');
  await expectAccessible(page);
  await page.getByLabel('Huoneen osoite (pysyvä)').fill('hyrynsalmi');
  await page.getByRole('button', { name: 'Luo', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Hyrynsalmen asiointipiste', level: 1 })).toBeVisible();
  await expect(page.getByText('Luonnos', { exact: true })).toBeVisible();
  await expect(page.locator('.link-box')).toContainText('/p/hyrynsalmi?k=');
  const pointUrl = page.url();
  await expectAccessible(page);

  // The checklist will not skip ahead: no agreement yet.
  await page.getByRole('button', { name: 'Merkitse tehdyksi: Yhteispalvelusopimus' }).click();
  await expect(page.getByRole('alert')).toContainText('the point has no agreement with any provider yet');

  // 2. The agreement with Kela, with its housing-allowance service attached.
  await page.getByRole('link', { name: 'Sopimukset' }).click();
  await page.getByLabel('Asiointipiste', { exact: true }).selectOption({ label: 'Hyrynsalmen asiointipiste' });
  await page.getByLabel('Palveluntuottaja', { exact: true }).selectOption({ label: 'Kela' });
  await page.getByLabel('Voimassa alkaen').fill('2025-01-01');
  await page.getByLabel('Yleinen asumistuki').check();
  await page.getByRole('button', { name: 'Luo', exact: true }).click();
  await expect(page.getByText('Sopimus luotu.')).toBeVisible();
  await expectAccessible(page);

  // 3. The advisor's account.
  await page.getByRole('link', { name: 'Käyttäjätilit' }).click();
  await page.getByLabel('Sähköposti', { exact: true }).fill('hilla.advisor@kanava.example');
  await page.getByLabel('Nimi', { exact: true }).fill('Hilla Neuvoja');
  await page.getByLabel('Alkusalasana').fill('hyrynsalmi-2025');
  await page.getByLabel('Rooli', { exact: true }).selectOption({ label: 'Palveluneuvoja' });
  await page.getByLabel('Kohde').selectOption({ label: 'Hyrynsalmen asiointipiste' });
  await page.getByRole('button', { name: 'Luo', exact: true }).click();
  await expect(page.getByText('Käyttäjätili luotu.')).toBeVisible();
  await expect(page.getByRole('cell', { name: 'hilla.advisor@kanava.example' })).toBeVisible();
  await expectAccessible(page);

  // 4. The checklist, step by step, each recorded with who did it.
  await page.goto(pointUrl);
  const steps = ['Yhteispalvelusopimus', 'Palveluneuvojien tunnukset', 'Huoneen linkki', 'Palvelut liitetty', 'Palveluntuottajien pääkäyttäjille ilmoitettu'];
  for (const step of steps) {
    await page.getByRole('button', { name: `Merkitse tehdyksi: ${step}` }).click();
    await expect(page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: step }) })).toContainText('Alma Ylläpitäjä');
  }
  await expect(page.getByText('Vastaanottajat: kela.admin@kanava.example')).toBeVisible();

  // The equipment and network test is the kiosk's own check: none yet, so the step is refused; then the
  // point's PC opens the kiosk link, checks its camera, microphone and connection and waits in the lobby.
  const equipment = page.getByRole('group', { name: 'Kioskin viimeisin tarkistus' });
  await expect(equipment).toContainText('Kioskilta ei ole vielä tarkistusta.');
  await page.getByRole('button', { name: 'Merkitse tehdyksi: Laite- ja verkkotesti' }).click();
  await expect(page.getByRole('alert')).toContainText('kiosk has not made a connection check yet');
  const kioskLink = (await page.locator('.link-box').textContent()) ?? '';
  const kiosk = await customerWaits(browser, kioskLink, 'Kioskin testi');
  await equipment.getByRole('button', { name: 'Päivitä' }).click();
  await expect(equipment).toContainText(/Yhteys: lähetys \d+ kbit\/s, vastaanotto \d+ kbit\/s/);
  await expect(equipment).toContainText(/Kamera: \d+×\d+, \d+ kuvaa\/s/);
  await expect(equipment).toContainText('Mikrofoni: toimii');
  await expectAccessible(page);
  await kiosk.context.close();
  await page.getByLabel('Huomiot', { exact: true }).fill('Kioski testattu pisteellä');
  await page.getByRole('button', { name: 'Merkitse tehdyksi: Laite- ja verkkotesti' }).click();
  await expect(page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'Laite- ja verkkotesti' }) })).toContainText(/\d+ \/ \d+ kbit\/s, \d+×\d+ \d+ kuvaa\/s/);
  await expect(page.getByText('Testaus', { exact: true })).toBeVisible();

  await page.getByLabel('Koulutus: ketkä ja milloin').fill('Hilla Neuvoja koulutettu etänä 3.3.');
  await page.getByRole('button', { name: 'Merkitse tehdyksi: Koulutus' }).click();
  await page.getByRole('button', { name: 'Merkitse tehdyksi: Käyttöönotto' }).click();
  await expect(page.getByText('Asiointipiste on käytössä.')).toBeVisible();
  await expect(page.getByText('Käytössä', { exact: true })).toBeVisible();
  await expect(page.getByRole('button', { name: /Merkitse tehdyksi/ })).toHaveCount(0);
  await expectAccessible(page);

  // The new point is in the public list and its room opens.
  await signOut(page);
  await page.goto('/');
  await expect(page.getByRole('link', { name: 'Hyrynsalmen asiointipiste' })).toBeVisible();

  // 5. The new advisor sees her point, its service and the service card.
  await signIn(page, 'hilla.advisor@kanava.example', 'hyrynsalmi-2025');
  await expect(page.getByRole('heading', { name: 'Oma asiointipiste', level: 1 })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Hyrynsalmen asiointipiste' })).toBeVisible();
  await expect(page.getByRole('cell', { name: 'Yleinen asumistuki' })).toBeVisible();
  await page.getByRole('button', { name: 'Näytä palvelukortti' }).click();
  await expect(page.getByText('Asumistuki: tarkista hakijan vuokrasopimus')).toBeVisible();
  await expectAccessible(page);
});

test('a provider admin writes a service card that the point’s advisor then reads, and sees no other provider', async ({ page }) => {
  await signIn(page, demoAccounts.kelaAdmin);
  await expect(page.getByRole('heading', { name: 'Palvelut', level: 1 })).toBeVisible();
  await expect(page.getByText('Kela', { exact: true })).toBeVisible();
  await expect(page.getByRole('cell', { name: 'Verokortti' })).toHaveCount(0);
  await page.getByRole('button', { name: 'Palvelukortti: Perustoimeentulotuki' }).click();
  await page.getByLabel('Palvelukortin teksti').fill('Toimeentulotuki: ota mukaan tiliotteet kahdelta kuukaudelta.');
  await page.getByRole('button', { name: 'Tallenna palvelukortti' }).click();
  await expect(page.getByText('Tallennettu.')).toBeVisible();
  await expectAccessible(page);
  await signOut(page);

  await signIn(page, demoAccounts.kuhmoAdvisor);
  const row = page.getByRole('row').filter({ hasText: 'Perustoimeentulotuki' });
  await row.getByRole('button', { name: 'Näytä palvelukortti' }).click();
  await expect(page.getByText('ota mukaan tiliotteet kahdelta kuukaudelta')).toBeVisible();
  // The admin screens are not hers.
  await page.goto('/admin/points');
  await expect(page.getByRole('alert')).toHaveText('Sinulla ei ole oikeutta tähän näkymään.');
});

test('an admin ends an agreement and the point’s advisor no longer sees that provider’s services', async ({ page }) => {
  await signIn(page, demoAccounts.admin);
  await page.getByRole('link', { name: 'Sopimukset' }).click();
  await page.getByRole('button', { name: 'Muokkaa: Kuhmon asiointipiste – Digi- ja väestötietovirasto' }).click();
  const editor = page.getByRole('form', { name: 'Muokkaa: Kuhmon asiointipiste – Digi- ja väestötietovirasto' });
  await editor.getByLabel('Voimassa asti (tyhjä = toistaiseksi)').fill('2024-12-31');
  await editor.getByRole('button', { name: 'Tallenna' }).click();
  await expect(page.getByRole('row').filter({ hasText: 'Digi- ja väestötietovirasto' }).filter({ hasText: 'Kuhmon' })).toContainText('2024-12-31');
  await expectAccessible(page);
  await signOut(page);

  await signIn(page, demoAccounts.kuhmoAdvisor);
  await expect(page.getByRole('cell', { name: 'Verokortti' })).toBeVisible();
  await expect(page.getByRole('cell', { name: 'Muuttoilmoitus' })).toHaveCount(0);
});
