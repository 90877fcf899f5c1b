import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';

const pages = [
  { name: 'front page', path: '/', ready: 'Asiointipisteet' },
  { name: 'point room before joining', path: '/p/kuhmo', ready: 'Valmistaudu videoyhteyteen' },
  { name: 'unknown point', path: '/p/ei-tallaista', ready: 'Asiointipistettä ei löydy' },
];

for (const { name, path, ready } of pages) {
  test(`${name} has no WCAG 2.1 AA violations`, async ({ page }) => {
    await page.goto(path);
    await expect(page.getByRole('heading', { name: ready })).toBeVisible();
    const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    expect(result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`)).toEqual([]);
  });
}

test('the language can be changed with the keyboard and the page follows', async ({ page }) => {
  await page.goto('/p/kuhmo');
  await expect(page.locator('html')).toHaveAttribute('lang', 'fi');
  const svenska = page.getByRole('button', { name: 'Svenska' });
  await svenska.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Förbered videosamtalet' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'sv');
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('heading', { name: 'Get ready for the video call' })).toBeVisible();
});
