import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { expect, test, type Browser } from '@playwright/test';
import { demoStaff, kioskLinkOf, signedInStaff, staffJoins, type StaffMember } from '../fixtures/staff.ts';
import { customerChecks, customerWaitsInLobby, expectVideoMoving, launchCustomerBrowser, shapedLinksAvailable } from '../fixtures/shapedLinks.ts';

const run = promisify(execFile);

/** Takes the customer's only network link down (or up): signalling and media are cut together. */
async function customerLink(state: 'up' | 'down'): Promise<void> {
  const ns = process.env['KQ_NS_CUST'] ?? '';
  await run('ip', ['-n', ns, 'link', 'set', 'kq0', state]);
  // A link taken down loses its routes; put the default route back as the kiosk's network would.
  if (state === 'up') await run('ip', ['-n', ns, 'route', 'replace', 'default', 'via', '10.231.89.1']);
}

/**
 * A real drop of the kiosk's network (journey 5): the customer's browser runs in its own
 * network namespace and its link is taken down, so WebSocket and WebRTC both stop.
 */
test.describe('a dropped kiosk link', () => {
  test.skip(!shapedLinksAvailable, 'needs the network namespaces of scripts/netns/with-shaped-links.sh (as root)');

  let expert: StaffMember | undefined;
  let customerBrowser: Browser | undefined;
  test.afterEach(async () => {
    await customerLink('up').catch(() => undefined);
    if (expert) {
      await expert.page.getByRole('button', { name: 'Päätä palvelu' }).click({ timeout: 3000 }).catch(() => undefined);
      await expert.page.getByRole('button', { name: 'Lopeta puhelu' }).click({ timeout: 3000 }).catch(() => undefined);
      await expert.context.close();
    }
    await customerBrowser?.close();
    expert = undefined;
    customerBrowser = undefined;
  });

  test('the customer comes back into the same call by itself, with media flowing, without a new admission', async ({ browser }) => {
    const kiosk = await kioskLinkOf(browser, 'kuhmo');
    customerBrowser = await launchCustomerBrowser();
    const customer = await customerChecks(customerBrowser, kiosk, 'Aino Verkkokatko');
    expert = await signedInStaff(browser, demoStaff.mikko, 'Mikko');
    await staffJoins(expert, 'kuhmo');
    await customerWaitsInLobby(customer);
    const entry = expert.page.getByRole('region', { name: /Odottamassa/ }).getByRole('listitem').filter({ hasText: customer.name });
    await entry.getByRole('button', { name: 'Päästä sisään' }).click();
    await expectVideoMoving(expert.page);
    await expectVideoMoving(customer.page);

    await customerLink('down');
    // Both ends notice: the expert is told, the kiosk says it is reconnecting.
    await expect(expert.page.getByText('Yhteys katkesi – odota hetki')).toBeVisible({ timeout: 30_000 });
    await expect(customer.page.getByText('Yhteys katkesi. Yhdistetään uudelleen…')).toBeVisible({ timeout: 30_000 });
    await customerLink('up');

    await expect(expert.page.getByText('Yhteys katkesi – odota hetki')).toBeHidden({ timeout: 45_000 });
    await expectVideoMoving(expert.page, 20, 30_000);
    await expectVideoMoving(customer.page, 20, 30_000);
    // No new admission: the customer never went back to the lobby.
    await expect(entry).toHaveCount(0);
    await expect(customer.page.getByRole('heading', { name: 'Asiantuntija päästää sinut pian sisään' })).toHaveCount(0);
  });
});
