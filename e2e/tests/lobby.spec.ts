import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { hangUpAndClose } from '../fixtures/cleanup.ts';
import { customerWaits } from '../fixtures/kiosk.ts';
import { mediaStats } from '../fixtures/media.ts';
import { expectReceivingFrom, expectRemoteVideoRendered, remoteTiles } from '../fixtures/room.ts';
import { demoStaff, kioskLinkOf, signedInStaff, staffJoins } from '../fixtures/staff.ts';

// Calls a test opened are ended even when it fails, so the next test starts from empty rooms.
test.afterEach(async ({ browser }) => {
  await hangUpAndClose(browser);
});

test.describe('lobby and admission in a point room', () => {
  test('the customer waits, the expert is told at once and admits, and both see and hear each other', async ({ browser }) => {
    const kiosk = await kioskLinkOf(browser, 'kuhmo');
    const mikko = await signedInStaff(browser, demoStaff.mikko, 'Mikko');
    await mikko.page.goto('/staff');
    const kuhmoCard = mikko.page.locator('li.room-card[data-slug="kuhmo"]');
    await expect(kuhmoCard).toContainText('Tyhjä');

    const aino = await customerWaits(browser, kiosk, 'Aino Ensimmäinen');
    await expect(aino.page.getByText(/Olet odottanut/)).toBeVisible();
    // Never missed: the directory card, the tab title and the notice line all change.
    await expect(kuhmoCard).toContainText('Asiakas odottaa');
    await expect(mikko.page).toHaveTitle(/^\(\d+\) odottaa/);
    await expect(mikko.page.getByRole('status').filter({ hasText: 'asiakas odottaa' })).toBeVisible();

    await kuhmoCard.getByRole('link', { name: 'Avaa huone' }).click();
    await mikko.page.getByRole('button', { name: /^Liity nimellä/ }).click();
    const lobby = mikko.page.getByRole('region', { name: /Odottamassa/ });
    await expect(waitingEntry(mikko.page, aino.name)).toBeVisible();
    // Before admission the customer sends and receives no media at all.
    expect(await mediaStats(aino.page)).toMatchObject({ outboundBytes: 0, videoBytes: 0, audioBytes: 0 });

    await waitingEntry(mikko.page, aino.name).getByRole('button', { name: 'Päästä sisään' }).click();
    await expect(lobby).toBeVisible();
    await expect(aino.page.getByRole('toolbar')).toBeVisible();
    await expectReceivingFrom(aino, 1);
    await expectReceivingFrom({ ...mikko }, 1);
    await expectRemoteVideoRendered(aino, 1);
    await expectRemoteVideoRendered(mikko, 1);

    // The expert ends the service: the kiosk thanks the customer and returns to the start by itself.
    await mikko.page.getByRole('button', { name: 'Päätä palvelu' }).click();
    await expect(aino.page.getByRole('heading', { name: 'Kiitos asioinnista!' })).toBeVisible();
    // Two questions with big faces; keyboard and screen readers get real radio buttons.
    const survey = aino.page.getByRole('form', { name: 'Kerro, miten asiointi sujui' });
    await expect(survey).toBeVisible();
    const axe = await new AxeBuilder({ page: aino.page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    expect(axe.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`)).toEqual([]);
    await survey.getByRole('group', { name: 'Miten palvelu onnistui?' }).getByLabel('5 – erittäin hyvin').check();
    await survey.getByRole('group', { name: 'Miten yhteys toimi?' }).getByLabel('4 – hyvin').check();
    await survey.getByLabel('Haluatko sanoa jotain muuta? (vapaaehtoinen)').fill('Selkeää, kiitos.');
    await survey.getByRole('button', { name: 'Lähetä vastaus' }).click();
    await expect(aino.page.getByText('Kiitos vastauksestasi!')).toBeVisible();
    await aino.page.getByRole('button', { name: 'Alkuun' }).click();
    await expect(aino.page.getByRole('heading', { name: 'Tervetuloa etäasiointiin' })).toBeVisible();
    await expect(remoteTiles(mikko)).toHaveCount(0);

  });

  test('a declined customer is told why', async ({ browser }) => {
    const kiosk = await kioskLinkOf(browser, 'kuhmo');
    const mikko = await signedInStaff(browser, demoStaff.mikko, 'Mikko');
    await staffJoins(mikko, 'kuhmo');
    const aino = await customerWaits(browser, kiosk, 'Aino Toinen');
    const entry = waitingEntry(mikko.page, aino.name);
    await entry.getByRole('button', { name: 'Hylkää' }).click();
    await entry.getByLabel('Syy, jonka asiakas näkee').fill('Tämä asia hoidetaan Verohallinnossa.');
    await entry.getByRole('button', { name: 'Hylkää asiakas' }).click();
    await expect(aino.page.getByRole('heading', { name: 'Asiantuntija ei voi ottaa sinua vastaan nyt' })).toBeVisible();
    await expect(aino.page.getByText('Syy: Tämä asia hoidetaan Verohallinnossa.')).toBeVisible();
    await expect(entry).toHaveCount(0);
  });

  test('a customer who closes the kiosk page while waiting leaves the lobby at once, not after the reconnect grace', async ({ browser }) => {
    const kiosk = await kioskLinkOf(browser, 'kuhmo');
    const mikko = await signedInStaff(browser, demoStaff.mikko, 'Mikko');
    await staffJoins(mikko, 'kuhmo');
    const aino = await customerWaits(browser, kiosk, 'Aino Lähtijä');
    const entry = waitingEntry(mikko.page, aino.name);
    await expect(entry).toBeVisible();
    await aino.page.close();
    // The grace for a dropped connection is 60 s; a closed page is a leave and goes well before that.
    await expect(entry).toHaveCount(0, { timeout: 10_000 });
  });

  test('two experts: the first to admit wins and the other sees the customer taken', async ({ browser }) => {
    const kiosk = await kioskLinkOf(browser, 'kuhmo');
    const mikko = await signedInStaff(browser, demoStaff.mikko, 'Mikko');
    const ella = await signedInStaff(browser, demoStaff.ella, 'Ella');
    await mikko.page.goto('/staff');
    await staffJoins(ella, 'kuhmo');
    await customerWaits(browser, kiosk, 'Aino Kolmas').then(async (aino) => {
      await waitingEntry(ella.page, aino.name).getByRole('button', { name: 'Päästä sisään' }).click();
      await expect(mikko.page.getByText(/asiakkaan otti vastaan/)).toBeVisible();
      await expectReceivingFrom(aino, 1);
    });
  });

  test('the customer calls the advisor, who steps in (three-way) and out while the call goes on', async ({ browser }) => {
    const kiosk = await kioskLinkOf(browser, 'kuhmo');
    const mikko = await signedInStaff(browser, demoStaff.mikko, 'Mikko');
    const sanna = await signedInStaff(browser, demoStaff.sanna, 'Sanna');
    await sanna.page.goto('/staff');
    await staffJoins(mikko, 'kuhmo');
    const aino = await customerWaits(browser, kiosk, 'Aino Neljäs');
    await waitingEntry(mikko.page, aino.name).getByRole('button', { name: 'Päästä sisään' }).click();
    await expectReceivingFrom(aino, 1);

    await aino.page.getByRole('button', { name: 'Kutsu neuvoja' }).click();
    await expect(aino.page.getByText('Neuvoja on kutsuttu.')).toBeVisible();
    await expect(sanna.page.getByText(/asiakas kutsuu neuvojaa/)).toBeVisible();
    await expect(mikko.page.getByText(/Asiakas kutsui neuvojan/)).toBeVisible();

    await sanna.page.locator('li.room-card[data-slug="kuhmo"]').getByRole('link', { name: 'Avaa huone' }).click();
    await sanna.page.getByRole('button', { name: /^Liity nimellä/ }).click();
    await expectReceivingFrom(aino, 2);
    await expectRemoteVideoRendered(aino, 2);
    await expectReceivingFrom(sanna, 2);

    await sanna.page.getByRole('button', { name: 'Lopeta puhelu' }).click();
    await expect(remoteTiles(aino)).toHaveCount(1);
    await expectReceivingFrom(aino, 1);
  });

  test('a customer whose connection drops comes back into the same call without a new admission', async ({ browser }) => {
    const kiosk = await kioskLinkOf(browser, 'kuhmo');
    const mikko = await signedInStaff(browser, demoStaff.mikko, 'Mikko');
    await staffJoins(mikko, 'kuhmo');
    const aino = await customerWaits(browser, kiosk, 'Aino Viides');
    await waitingEntry(mikko.page, aino.name).getByRole('button', { name: 'Päästä sisään' }).click();
    await expectReceivingFrom(mikko, 1);

    // Signalling drop (WebSocket and HTTP blocked): the server notices, holds the place, the expert is told.
    await aino.context.setOffline(true);
    await expect(mikko.page.getByText('Yhteys katkesi – odota hetki')).toBeVisible({ timeout: 30_000 });
    await aino.context.setOffline(false);
    await expect(mikko.page.getByText('Yhteys katkesi – odota hetki')).toBeHidden({ timeout: 30_000 });
    // No admission needed: media flows again both ways.
    await expectReceivingFrom(aino, 1);
    await expectReceivingFrom(mikko, 1);
    await expect(waitingEntry(mikko.page, aino.name)).toHaveCount(0);
  });
});

/** One waiting customer's entry in the expert's lobby panel (earlier tests' customers may still hold their places). */
function waitingEntry(page: Page, name: string) {
  return page.getByRole('region', { name: /Odottamassa/ }).getByRole('listitem').filter({ hasText: name });
}
