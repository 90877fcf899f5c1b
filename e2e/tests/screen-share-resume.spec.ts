import { expect, test, type Locator } from '@playwright/test';
import { chromiumArgs } from '../playwright.config.ts';
import { hangUpAndClose } from '../fixtures/cleanup.ts';
import { customerWaits } from '../fixtures/kiosk.ts';
import { demoStaff, kioskLinkOf, signedInStaff, staffJoins } from '../fixtures/staff.ts';

// A screen the browser picks by itself.
test.use({
  launchOptions: {
    executablePath: process.env['KANAVA_CHROMIUM'] ?? '/usr/bin/chromium',
    args: [...chromiumArgs, '--auto-select-desktop-capture-source=Entire screen'],
  },
});

test.afterEach(async ({ browser }) => hangUpAndClose(browser));

/** Frames the tile's <video> has shown so far (0 while nothing arrives). */
function framesShown(tile: Locator): Promise<number> {
  return tile.locator('video').evaluate((v) => {
    const video = v as HTMLVideoElement;
    return video.videoWidth > 0 ? video.getVideoPlaybackQuality().totalVideoFrames : 0;
  });
}

test('a shared screen is sent again after the sharer’s connection drops and comes back', async ({ browser }) => {
  const kiosk = await kioskLinkOf(browser, 'kuhmo');
  const mikko = await signedInStaff(browser, demoStaff.mikko, 'Mikko');
  await staffJoins(mikko, 'kuhmo');
  const aino = await customerWaits(browser, kiosk, 'Aino Näyttö');
  await mikko.page.getByRole('region', { name: /Odottamassa/ }).getByRole('listitem').filter({ hasText: aino.name }).getByRole('button', { name: 'Päästä sisään' }).click();
  await expect(aino.page.getByRole('toolbar')).toBeVisible();

  await mikko.page.getByRole('button', { name: 'Jaa näyttö' }).click();
  const screenTile = aino.page.locator('figure.content-tile');
  await expect(screenTile).toContainText('jaettu näyttö');
  await expect.poll(() => framesShown(screenTile)).toBeGreaterThan(0);

  // The expert's connection drops: the server closes their media, so the customer loses the screen.
  await mikko.context.setOffline(true);
  await expect(aino.page.getByText('Yhteys katkesi – odota hetki')).toBeVisible({ timeout: 45_000 });
  await expect(screenTile).toHaveCount(0);
  await mikko.context.setOffline(false);
  await expect(aino.page.getByText('Yhteys katkesi – odota hetki')).toBeHidden({ timeout: 45_000 });

  // Resumed: the screen comes back by itself, and keeps moving at the customer.
  await expect(screenTile).toContainText('jaettu näyttö', { timeout: 30_000 });
  await expect.poll(() => framesShown(screenTile), { timeout: 30_000 }).toBeGreaterThan(0);
  const before = await framesShown(screenTile);
  await expect.poll(() => framesShown(screenTile)).toBeGreaterThan(before);
  // The expert's own controls still say the screen is shared.
  await expect(mikko.page.getByRole('button', { name: 'Lopeta näytön jako' })).toHaveAttribute('aria-pressed', 'true');
});
