import AxeBuilder from '@axe-core/playwright';
import { chromium, expect, test } from '@playwright/test';
import { chromiumArgs } from '../playwright.config.ts';
import { kioskLinkOf } from '../fixtures/staff.ts';

/**
 * Someone trying Kanava from another machine over plain http (no TLS proxy yet): the browser hides the
 * camera from such a page. The kiosk must say why in plain words, in the chosen language, not "video
 * calls do not work in this browser". A host name mapped to 127.0.0.1 is not a secure origin, as a
 * server's address on the network would not be.
 */
test('a kiosk page opened over plain http from another machine says the camera needs https', async ({ browser, baseURL }) => {
  const link = await kioskLinkOf(browser, 'kuhmo');
  const port = new URL(baseURL ?? '').port;
  const remote = await chromium.launch({
    executablePath: process.env['KANAVA_CHROMIUM'] ?? '/usr/bin/chromium',
    args: [...chromiumArgs, '--host-resolver-rules=MAP kanava-server.test 127.0.0.1'],
  });
  try {
    const context = await remote.newContext({ permissions: ['camera', 'microphone'] });
    const page = await context.newPage();
    await page.goto(`http://kanava-server.test:${port}${link}`);
    expect(await page.evaluate(() => window.isSecureContext)).toBe(false);
    await page.getByRole('group', { name: 'Valitse kieli aloittaaksesi' }).getByRole('button', { name: 'Svenska' }).click();
    await expect(page.getByRole('alert')).toContainText('Kameran och mikrofonen fungerar bara över en skyddad anslutning');
    await expect(page.getByRole('alert')).toContainText('https://');
    const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    expect(result.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  } finally {
    await remote.close();
  }
});
