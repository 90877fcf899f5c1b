import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { kioskLinkOf } from '../fixtures/staff.ts';

/**
 * Journey 1: the advisor turns the kiosk on in the morning; its start page checks the camera, microphone
 * and connection by itself and shows a small "ready" (or what is wrong), without a customer.
 */
test('the kiosk’s start page checks itself when left alone and says it is ready, with its figures', async ({ browser }) => {
  const link = await kioskLinkOf(browser, 'kuhmo');
  const context = await browser.newContext({ permissions: ['camera', 'microphone'] });
  const page = await context.newPage();
  await page.goto(link);
  const readiness = page.getByRole('region', { name: 'Asiointikoneen tarkistus' });
  await expect(readiness).toHaveAttribute('data-state', 'checking', { timeout: 20_000 });
  await expect(readiness).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
  await expect(readiness.getByRole('status')).toContainText('✓ Valmis');
  await expect(readiness).toContainText(/Kamera 1280×720, (29|30) fps · yhteys lähtevä \/ tuleva \d+,\d \/ \d+,\d Mbit\/s · tarkistettu klo \d\d\.\d\d/);
  const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);

  // The language buttons still lead on; the customer's own check runs on the next screen.
  await page.getByRole('group', { name: 'Valitse kieli aloittaaksesi' }).getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('heading', { name: 'Get ready for the video call' })).toBeVisible();
  await context.close();
});

test('a customer who taps a language at once is not held up by the kiosk’s own check', async ({ browser }) => {
  const link = await kioskLinkOf(browser, 'kuhmo');
  const context = await browser.newContext({ permissions: ['camera', 'microphone'] });
  const page = await context.newPage();
  await page.goto(link);
  await expect(page.getByRole('region', { name: 'Asiointikoneen tarkistus' })).toHaveAttribute('data-state', 'waiting');
  await page.getByRole('group', { name: 'Valitse kieli aloittaaksesi' }).getByRole('button', { name: 'Suomi' }).click();
  await expect(page.getByRole('heading', { name: 'Valmistaudu videoyhteyteen' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Asiointikoneen tarkistus' })).toHaveCount(0);
  await context.close();
});
