import { expect, test } from '@playwright/test';
import { chromiumArgs } from '../playwright.config.ts';
import { hangUpAndClose } from '../fixtures/cleanup.ts';
import { customerWaits } from '../fixtures/kiosk.ts';
import { demoStaff, kioskLinkOf, signedInStaff, staffJoins } from '../fixtures/staff.ts';

// Three fake cameras (Chromium's second one delivers Y16 depth frames no encoder takes; the third, MJPEG,
// stands for the point's document camera) and a screen the browser picks by itself.
test.use({
  launchOptions: {
    executablePath: process.env['KANAVA_CHROMIUM'] ?? '/usr/bin/chromium',
    args: [
      ...chromiumArgs.filter((a) => !a.startsWith('--use-fake-device-for-media-stream')),
      '--use-fake-device-for-media-stream=fps=30,device-count=3',
      '--auto-select-desktop-capture-source=Entire screen',
    ],
  },
});

test.afterEach(async ({ browser }) => hangUpAndClose(browser));

/** The page's senders of detail content: contentHint and the degradation preference it was sent with. */
async function detailSenders(page: import('@playwright/test').Page) {
  return page.evaluate(() => {
    const w = window as unknown as { __kanavaPcs?: RTCPeerConnection[] };
    return (w.__kanavaPcs ?? [])
      .filter((pc) => pc.connectionState !== 'closed')
      .flatMap((pc) => pc.getSenders())
      .filter((s) => s.track?.contentHint === 'detail')
      .map((s) => ({ degradation: (s.getParameters() as RTCRtpSendParameters & { degradationPreference?: string }).degradationPreference ?? null }));
  });
}

test('a document camera and a shared screen reach the other side as a second picture, sent for detail', async ({ browser }) => {
  const kiosk = await kioskLinkOf(browser, 'suomussalmi');
  const mikko = await signedInStaff(browser, demoStaff.mikko, 'Mikko');
  await staffJoins(mikko, 'suomussalmi');
  const aino = await customerWaits(browser, kiosk);
  await mikko.page.getByRole('region', { name: /Odottamassa/ }).getByRole('button', { name: 'Päästä sisään' }).click();
  await expect(aino.page.getByRole('toolbar')).toBeVisible();

  // The kiosk's second camera is offered as the document camera.
  await aino.page.getByRole('button', { name: 'Näytä dokumenttikamera' }).click();
  await expect(aino.page.getByRole('button', { name: 'Sulje dokumenttikamera' })).toHaveAttribute('aria-pressed', 'true');
  const docTile = mikko.page.locator('figure.content-tile');
  await expect(docTile).toContainText('Aino: dokumenttikamera');
  await expect.poll(() => docTile.locator('video').evaluate((v) => (v as HTMLVideoElement).videoWidth)).toBeGreaterThan(0);
  expect(await detailSenders(aino.page)).toEqual([{ degradation: 'maintain-resolution' }]);

  // The expert shares the screen; the customer sees it.
  await mikko.page.getByRole('button', { name: 'Jaa näyttö' }).click();
  const screenTile = aino.page.locator('figure.content-tile');
  await expect(screenTile).toContainText('jaettu näyttö');
  await expect.poll(() => screenTile.locator('video').evaluate((v) => (v as HTMLVideoElement).videoWidth)).toBeGreaterThan(0);

  // Closing the document camera takes its picture away at the other end.
  await aino.page.getByRole('button', { name: 'Sulje dokumenttikamera' }).click();
  await expect(docTile).toHaveCount(0);
});
