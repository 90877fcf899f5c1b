import { expect, test } from '@playwright/test';
import { expectReceivingFrom, expectRemoteVideoRendered, join, openPointLink, remoteTiles } from '../fixtures/room.ts';

test.describe('a service point room', () => {
  test('two browsers on the point link see and hear each other; a third joins and leaves; one hangs up and rejoins', async ({ browser }) => {
    const aino = await openPointLink(browser, 'kuhmo', 'Aino');
    const mikko = await openPointLink(browser, 'kuhmo', 'Mikko');
    await join(aino);
    await join(mikko);

    // Each receives the other's camera and microphone through the SFU.
    const ainoStats = await expectReceivingFrom(aino, 1);
    const mikkoStats = await expectReceivingFrom(mikko, 1);
    expect(ainoStats.maxFrameWidth).toBeGreaterThan(0);
    expect(mikkoStats.maxFrameWidth).toBeGreaterThan(0);
    await expectRemoteVideoRendered(aino, 1);
    await expectRemoteVideoRendered(mikko, 1);
    await expect(aino.page.getByText('Mikko', { exact: true })).toBeVisible();
    await expect(mikko.page.getByText('Aino', { exact: true })).toBeVisible();

    // A third participant joins: everyone receives two others.
    const sanna = await openPointLink(browser, 'kuhmo', 'Sanna');
    await join(sanna);
    await expectReceivingFrom(sanna, 2);
    await expectRemoteVideoRendered(sanna, 2);
    await expectRemoteVideoRendered(aino, 2);
    await expectRemoteVideoRendered(mikko, 2);

    // …and leaves: the others are back to one.
    await sanna.page.getByRole('button', { name: 'Lopeta puhelu' }).click();
    await expect(sanna.page.getByRole('heading', { name: 'Puhelu on päättynyt' })).toBeVisible();
    await expect(remoteTiles(aino)).toHaveCount(1);
    await expect(remoteTiles(mikko)).toHaveCount(1);
    await sanna.context.close();

    // Mikko hangs up and comes back through the same link: media flows again both ways.
    await mikko.page.getByRole('button', { name: 'Lopeta puhelu' }).click();
    await expect(remoteTiles(aino)).toHaveCount(0);
    await expect(aino.page.getByText('Odotetaan muita osallistujia…')).toBeVisible();
    await mikko.page.getByRole('button', { name: 'Liity uudelleen' }).click();
    await join(mikko);
    await expectReceivingFrom(mikko, 1);
    await expectReceivingFrom(aino, 1);
    await expectRemoteVideoRendered(aino, 1);

    await aino.context.close();
    await mikko.context.close();
  });

  test('muting the camera and microphone is shown to the other participant', async ({ browser }) => {
    const aino = await openPointLink(browser, 'suomussalmi', 'Aino');
    const mikko = await openPointLink(browser, 'suomussalmi', 'Mikko');
    await join(aino);
    await join(mikko);
    await expectRemoteVideoRendered(mikko, 1);

    await aino.page.getByRole('button', { name: 'Sulje kamera' }).click();
    await aino.page.getByRole('button', { name: 'Mykistä mikrofoni' }).click();
    const ainoTile = remoteTiles(mikko).first();
    await expect(ainoTile.getByText('Kamera pois')).toBeVisible();
    await expect(ainoTile.getByText('Mikrofoni pois')).toBeVisible();

    await aino.page.getByRole('button', { name: 'Avaa kamera' }).click();
    await expect(ainoTile.getByText('Kamera pois')).toBeHidden();
    await expectRemoteVideoRendered(mikko, 1);

    await aino.context.close();
    await mikko.context.close();
  });

  test('an unknown point link says plainly that there is no such service point', async ({ page }) => {
    await page.goto('/p/ei-tallaista-pistetta');
    await expect(page.getByRole('heading', { name: 'Asiointipistettä ei löydy' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Etusivulle' })).toBeVisible();
  });
});
