import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { hangUpAndClose } from '../fixtures/cleanup.ts';
import { kioskLinkOf, demoStaff, signedInStaff } from '../fixtures/staff.ts';

// Calls a test opened are ended even when it fails, so the next test starts from empty rooms.
test.afterEach(async ({ browser }) => {
  await hangUpAndClose(browser);
});

async function expectNoViolations(page: Page) {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`)).toEqual([]);
}

const publicPages = [
  { name: 'front page', path: '/', ready: 'Asiointipisteet' },
  { name: 'unknown point', path: '/p/ei-tallaista', ready: 'Asiointipistettä ei löydy' },
];

for (const { name, path, ready } of publicPages) {
  test(`${name} has no WCAG 2.1 AA violations`, async ({ page }) => {
    await page.goto(path);
    await expect(page.getByRole('heading', { name: ready })).toBeVisible();
    await expectNoViolations(page);
  });
}

test('the kiosk screens (start, device check, lobby) have no WCAG 2.1 AA violations', async ({ browser }) => {
  const link = await kioskLinkOf(browser, 'kristiinankaupunki');
  const context = await browser.newContext({ permissions: ['camera', 'microphone'] });
  const page = await context.newPage();
  await page.goto(link);
  await expect(page.getByRole('heading', { name: 'Tervetuloa etäasiointiin' })).toBeVisible();
  await expectNoViolations(page);
  await page.getByRole('group', { name: 'Valitse kieli aloittaaksesi' }).getByRole('button', { name: 'Suomi' }).click();
  await expect(page.getByRole('heading', { name: 'Valmistaudu videoyhteyteen' })).toBeVisible();
  await expectNoViolations(page);
  await page.getByRole('button', { name: 'Siirry odottamaan' }).click();
  await expect(page.getByRole('heading', { name: 'Asiantuntija päästää sinut pian sisään' })).toBeVisible();
  await expectNoViolations(page);
  await context.close();
});

test('the staff room directory has no WCAG 2.1 AA violations', async ({ browser }) => {
  const mikko = await signedInStaff(browser, demoStaff.mikko, 'Mikko');
  await mikko.page.goto('/staff');
  await expect(mikko.page.getByRole('heading', { name: 'Asiointipisteiden huoneet' })).toBeVisible();
  await expect(mikko.page.locator('li.room-card').first()).toBeVisible();
  await expectNoViolations(mikko.page);
  await mikko.context.close();
});

test('the kiosk’s language buttons work with the keyboard and the page follows', async ({ browser }) => {
  const link = await kioskLinkOf(browser, 'kuhmo');
  const context = await browser.newContext({ permissions: ['camera', 'microphone'] });
  const page = await context.newPage();
  await page.goto(link);
  await expect(page.locator('html')).toHaveAttribute('lang', 'fi');
  const svenska = page.getByRole('group', { name: 'Valitse kieli aloittaaksesi' }).getByRole('button', { name: 'Svenska' });
  await svenska.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Förbered videosamtalet' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'sv');
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('heading', { name: 'Get ready for the video call' })).toBeVisible();
  await context.close();
});
