import { expect, test } from '@playwright/test';
import { ensureKalle, KALLE } from '../fixtures/booking.ts';
import { hangUpAndClose } from '../fixtures/cleanup.ts';
import { customerWaits } from '../fixtures/kiosk.ts';
import { demoStaff, kioskLinkOf, signedInStaff, staffJoins } from '../fixtures/staff.ts';

test.afterEach(async ({ browser }) => {
  await hangUpAndClose(browser);
});

test('a booked customer waits: the booked expert is told at once, another expert of the same provider only when the booked expert has not admitted them in time', async ({ browser }) => {
  await ensureKalle(browser);
  const kiosk = await kioskLinkOf(browser, 'kuhmo');
  const sanna = await signedInStaff(browser, demoStaff.sanna, 'Sanna');
  await sanna.page.goto('/advisor/day');
  const arrived = sanna.page.getByRole('button', { name: /^Asiakas saapui: Olli Malli/ });
  await arrived.click();
  await expect(sanna.page.getByRole('status').filter({ hasText: 'Olli Malli on merkitty saapuneeksi' })).toBeVisible();

  const mikko = await signedInStaff(browser, demoStaff.mikko, 'Mikko');
  const kalle = await signedInStaff(browser, KALLE.email, 'Kalle');
  for (const expert of [mikko, kalle]) {
    await expert.page.goto('/staff');
    await expect(expert.page.locator('li.room-card[data-slug="kuhmo"]')).toBeVisible();
  }
  const kalleCard = kalle.page.locator('li.room-card[data-slug="kuhmo"]');
  await expect(kalleCard).not.toHaveClass(/waiting/);

  const olli = await customerWaits(browser, kiosk, 'Olli');
  // Mikko, whose booking it is, hears of it at once ...
  await expect(mikko.page.getByRole('status').filter({ hasText: /Kuhmon asiointipiste: asiakas odottaa \(Varaus klo 11\.00 · Yleinen asumistuki · Mikko/ })).toBeVisible();
  await expect(mikko.page.locator('li.room-card[data-slug="kuhmo"]')).toHaveClass(/waiting/);
  // ... Kalle does not yet (KANAVA_BOOKING_EXPERT_FIRST_S is 12 s in the e2e server).
  await expect(kalleCard).not.toHaveClass(/waiting/);
  await expect(kalle.page.getByRole('status').filter({ hasText: 'Kuhmon asiointipiste: asiakas odottaa' })).toHaveCount(0);
  await expect(kalle.page).not.toHaveTitle(/odottaa/);

  // Mikko has not admitted them: after the window the rest of the provider's experts are told, with the chime and the title.
  await expect(kalleCard).toHaveClass(/waiting/, { timeout: 30_000 });
  await expect(kalle.page.getByRole('status').filter({ hasText: /Kuhmon asiointipiste: asiakas odottaa \(Varaus klo 11\.00/ })).toBeVisible();
  await expect(kalle.page).toHaveTitle(/\(1\)/);

  // Now Kalle may take the customer.
  await staffJoins(kalle, 'kuhmo');
  const entry = kalle.page.getByRole('region', { name: /Odottamassa/ }).getByRole('listitem').filter({ hasText: olli.name });
  await expect(entry).toContainText('Varaus klo 11.00 · Yleinen asumistuki · Mikko Asiantuntija (Kela)');
  await entry.getByRole('button', { name: 'Päästä sisään' }).click();
  await expect(olli.page.getByRole('toolbar')).toBeVisible();
});
