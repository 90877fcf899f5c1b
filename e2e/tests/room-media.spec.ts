import { expect, test } from '@playwright/test';
import { hangUpAndClose } from '../fixtures/cleanup.ts';
import { customerWaits } from '../fixtures/kiosk.ts';
import { expectReceivingFrom, expectRemoteVideoRendered, remoteTiles } from '../fixtures/room.ts';
import { demoStaff, kioskLinkOf, signedInStaff, staffJoins } from '../fixtures/staff.ts';

// Calls a test opened are ended even when it fails, so the next test starts from empty rooms.
test.afterEach(async ({ browser }) => {
  await hangUpAndClose(browser);
});

test.describe('media in a service point room', () => {
  test('expert and customer see and hear each other; a third joins and leaves; one hangs up and rejoins', async ({ browser }) => {
    const kiosk = await kioskLinkOf(browser, 'suomussalmi');
    const mikko = await signedInStaff(browser, demoStaff.mikko, 'Mikko');
    await staffJoins(mikko, 'suomussalmi');
    const aino = await customerWaits(browser, kiosk, 'Aino Suomussalmi');
    await mikko.page.getByRole('region', { name: /Odottamassa/ }).getByRole('listitem').filter({ hasText: aino.name }).getByRole('button', { name: 'Päästä sisään' }).click();

    // Each receives the other's camera and microphone through the SFU.
    const ainoStats = await expectReceivingFrom(aino, 1);
    const mikkoStats = await expectReceivingFrom(mikko, 1);
    expect(ainoStats.maxFrameWidth).toBeGreaterThan(0);
    expect(mikkoStats.maxFrameWidth).toBeGreaterThan(0);
    await expectRemoteVideoRendered(aino, 1);
    await expectRemoteVideoRendered(mikko, 1);
    await expect(mikko.page.getByText('Aino Suomussalmi (Asiakas)')).toBeVisible();

    // A second expert joins: everyone receives two others; then leaves.
    const ella = await signedInStaff(browser, demoStaff.ella, 'Ella');
    await staffJoins(ella, 'suomussalmi');
    await expectReceivingFrom(ella, 2);
    await expectRemoteVideoRendered(aino, 2);
    await expectRemoteVideoRendered(mikko, 2);
    await ella.page.getByRole('button', { name: 'Lopeta puhelu' }).click();
    await expect(remoteTiles(aino)).toHaveCount(1);
    await expect(remoteTiles(mikko)).toHaveCount(1);

    // Mikko hangs up and comes back through the same link: media flows again both ways, the customer stays in.
    await mikko.page.getByRole('button', { name: 'Lopeta puhelu' }).click();
    await expect(remoteTiles(aino)).toHaveCount(0);
    await mikko.page.getByRole('button', { name: 'Liity uudelleen' }).click();
    await mikko.page.getByRole('button', { name: /^Liity nimellä/ }).click();
    await expectReceivingFrom(mikko, 1);
    await expectReceivingFrom(aino, 1);
    await expectRemoteVideoRendered(aino, 1);

    // Muting is shown to the other side.
    await aino.page.getByRole('button', { name: 'Sulje kamera' }).click();
    await aino.page.getByRole('button', { name: 'Mykistä mikrofoni' }).click();
    const ainoTile = remoteTiles(mikko).first();
    await expect(ainoTile.getByText('Kamera pois')).toBeVisible();
    await expect(ainoTile.getByText('Mikrofoni pois')).toBeVisible();
    await aino.page.getByRole('button', { name: 'Avaa kamera' }).click();
    await expect(ainoTile.getByText('Kamera pois')).toBeHidden();
    await expectRemoteVideoRendered(mikko, 1);

  });

  test('an unknown point link says plainly that there is no such service point', async ({ page }) => {
    await page.goto('/p/ei-tallaista-pistetta');
    await expect(page.getByRole('heading', { name: 'Asiointipistettä ei löydy' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Etusivulle' })).toBeVisible();
  });

  test('a point link without the kiosk token does not open the room', async ({ page }) => {
    await page.goto('/p/kuhmo');
    await expect(page.getByText(/avaa asiointipisteen huoneen vain asiointipisteen omalta koneelta/)).toBeVisible();
    await expect(page.getByRole('button', { name: 'Siirry odottamaan' })).toHaveCount(0);
  });
});
