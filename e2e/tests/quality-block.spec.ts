import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { hangUpAndClose } from '../fixtures/cleanup.ts';
import { recordPeerConnections } from '../fixtures/media.ts';
import { DEMO_PASSWORD, demoStaff, kioskLinkOf, signedInStaff, staffJoins } from '../fixtures/staff.ts';

/** The guide's values (what the platform default is put back to after each test). */
const guide = {
  mode: 'warn',
  network: { minUpKbps: 384, recommendedUpKbps: 786, minDownKbps: 384, recommendedDownKbps: 786 },
  camera: { minWidth: 1280, minHeight: 720, minFrameRate: 30 },
};
/** Block mode with an upload minimum no link in the test reaches (the check's probe stops at 3 Mbit/s). */
const unreachable = { ...guide, mode: 'block', network: { ...guide.network, minUpKbps: 20_000, recommendedUpKbps: 20_000 } };

/** The platform admin sets the platform's default policy through the API. */
async function setPlatformPolicy(browser: Browser, policy: unknown): Promise<void> {
  const context = await browser.newContext();
  try {
    expect((await context.request.post('/api/auth/sign-in', { data: { email: demoStaff.admin, password: DEMO_PASSWORD } })).ok()).toBe(true);
    const res = await context.request.put('/api/quality/policy', { data: policy });
    expect(res.ok(), await res.text()).toBe(true);
  } finally {
    await context.close();
  }
}

async function adminAudit(browser: Browser, action: string): Promise<Array<{ action: string; actor: { displayName: string } | null; details: Record<string, unknown> }>> {
  const context = await browser.newContext();
  try {
    await context.request.post('/api/auth/sign-in', { data: { email: demoStaff.admin, password: DEMO_PASSWORD } });
    const entries = (await (await context.request.get('/api/registry/audit?entity=point&limit=50')).json()) as Array<{
      action: string;
      actor: { displayName: string } | null;
      details: Record<string, unknown>;
    }>;
    return entries.filter((e) => e.action === action);
  } finally {
    await context.close();
  }
}

/** A customer at the kiosk goes through the check towards the lobby (not waiting for any particular screen). */
async function customerArrives(browser: Browser, kioskLink: string, name: string): Promise<{ page: Page }> {
  const context = await browser.newContext({ permissions: ['camera', 'microphone'] });
  await recordPeerConnections(context);
  const page = await context.newPage();
  await page.goto(kioskLink);
  await page.getByRole('group', { name: 'Valitse kieli aloittaaksesi' }).getByRole('button', { name: 'Suomi' }).click();
  await page.getByLabel('Nimesi (vapaaehtoinen)').fill(name);
  const enter = page.getByRole('button', { name: 'Siirry odottamaan' });
  await expect(enter).toBeEnabled();
  await enter.click();
  return { page };
}

function waitingEntry(page: Page, name: string) {
  return page.getByRole('region', { name: /Odottamassa/ }).getByRole('listitem').filter({ hasText: name });
}

async function expectAccessible(page: Page) {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`)).toEqual([]);
}

test.describe('block mode: a customer below the minimum', () => {
  test.beforeEach(async ({ browser }) => setPlatformPolicy(browser, unreachable));
  test.afterEach(async ({ browser }) => {
    await setPlatformPolicy(browser, guide);
    await hangUpAndClose(browser);
  });

  test('is told plainly and helped, not queued; the advisor lets them wait with a reason, the expert then admits', async ({ browser }) => {
    const kiosk = await kioskLinkOf(browser, 'kuhmo');
    const aino = await customerArrives(browser, kiosk, 'Aino Esto');
    await expect(aino.page.getByRole('heading', { name: 'Yhteys ei vielä riitä videoasiointiin' })).toBeVisible();
    await expect(aino.page.getByText('Lähtevä yhteys on liian hidas.')).toBeVisible();
    // The advisor was called by itself; the button calls again.
    await expect(aino.page.getByText('Neuvoja on kutsuttu. Odota hetki tässä.')).toBeVisible();
    await expect(aino.page.getByRole('button', { name: 'Kutsu neuvoja' })).toBeVisible();
    await expectAccessible(aino.page);

    // A new check with the same link is still too weak, and says so.
    await aino.page.getByRole('button', { name: 'Tarkista uudelleen' }).click();
    await expect(aino.page.getByText('Yhteys on yhä liian heikko.')).toBeVisible({ timeout: 30_000 });

    // The expert sees her as held: no plain "admit"; the server would refuse it anyway.
    const mikko = await signedInStaff(browser, demoStaff.mikko, 'Mikko');
    await staffJoins(mikko, 'kuhmo');
    const entry = waitingEntry(mikko.page, 'Aino Esto');
    await expect(entry.getByText('Yhteys alle vähimmäistason')).toBeVisible();
    await expect(entry.getByRole('button', { name: 'Päästä sisään', exact: true })).toHaveCount(0);

    // The advisor steps in and lets her wait, with a reason.
    const sanna = await signedInStaff(browser, demoStaff.sanna, 'Sanna');
    await staffJoins(sanna, 'kuhmo');
    const sannasEntry = waitingEntry(sanna.page, 'Aino Esto');
    await sannasEntry.getByRole('button', { name: 'Salli odottaminen perustellen' }).click();
    await sannasEntry.getByLabel('Perustelu').fill('Neuvoja istuu asiakkaan vieressä ja toistaa tarvittaessa');
    await expectAccessible(sanna.page);
    await sannasEntry.getByRole('button', { name: 'Salli odottaminen' }).click();

    // The kiosk now shows the ordinary wait, and the expert admits her as usual.
    await expect(aino.page.getByRole('heading', { name: 'Asiantuntija päästää sinut pian sisään' })).toBeVisible();
    await expect(entry.getByText('Yhteys alle vähimmäistason')).toHaveCount(0);
    await entry.getByRole('button', { name: 'Päästä sisään', exact: true }).click();
    await expect(aino.page.getByRole('toolbar')).toBeVisible();

    const recorded = await adminAudit(browser, 'quality.admittedBelowMinimum');
    expect(recorded.find((e) => e.details['reason'] === 'Neuvoja istuu asiakkaan vieressä ja toistaa tarvittaessa')?.actor?.displayName).toMatch(/Sanna/);
  });

  test('the expert admits a held customer with a reason; a new check that passes ends the hold by itself', async ({ browser }) => {
    const kiosk = await kioskLinkOf(browser, 'kuhmo');
    const mikko = await signedInStaff(browser, demoStaff.mikko, 'Mikko');
    await staffJoins(mikko, 'kuhmo');

    const aino = await customerArrives(browser, kiosk, 'Aino Perusteltu');
    await expect(aino.page.getByRole('heading', { name: 'Yhteys ei vielä riitä videoasiointiin' })).toBeVisible();
    const entry = waitingEntry(mikko.page, 'Aino Perusteltu');
    await entry.getByRole('button', { name: 'Päästä sisään perustellen' }).click();
    await entry.getByLabel('Perustelu').fill('Kiireellinen asia, asiakas suostuu');
    await entry.getByRole('button', { name: 'Päästä sisään', exact: true }).click();
    await expect(aino.page.getByRole('toolbar')).toBeVisible();
    const recorded = await adminAudit(browser, 'quality.admittedBelowMinimum');
    expect(recorded.find((e) => e.details['reason'] === 'Kiireellinen asia, asiakas suostuu')?.actor?.displayName).toMatch(/Mikko/);

    // Another customer is held, then the platform goes back to the guide's values: her new check passes.
    const eino = await customerArrives(browser, kiosk, 'Eino Uusinta');
    await expect(eino.page.getByRole('heading', { name: 'Yhteys ei vielä riitä videoasiointiin' })).toBeVisible();
    await setPlatformPolicy(browser, guide);
    await eino.page.getByRole('button', { name: 'Tarkista uudelleen' }).click();
    await expect(eino.page.getByRole('heading', { name: 'Asiantuntija päästää sinut pian sisään' })).toBeVisible({ timeout: 30_000 });
  });
});

test.describe('quality requirements in the records', () => {
  test.afterEach(async ({ browser }) => {
    await setPlatformPolicy(browser, guide);
    await hangUpAndClose(browser);
  });

  test('the platform admin sets the default; a provider admin gives a service its own, with errors at the fields', async ({ browser }) => {
    const admin = await signedInStaff(browser, demoStaff.admin, 'Admin');
    await admin.page.goto('/admin/quality');
    await expect(admin.page.getByRole('heading', { name: 'Alustan oletus' })).toBeVisible();
    // The guide's values (stored or not, depending on the tests before): warn mode.
    await expect(admin.page.getByRole('radio', { name: 'Varoita' })).toBeChecked();
    await admin.page.getByRole('radio', { name: 'Estä' }).check();
    await admin.page.getByLabel('Lähtevä vähintään (kbit/s)').fill('500');
    await admin.page.getByLabel('Lähtevä suositus (kbit/s)').fill('900');
    await admin.page.getByRole('button', { name: 'Tallenna vaatimukset' }).click();
    await expect(admin.page.getByText('Käytössä alustan oletus.')).toBeVisible();
    await expectAccessible(admin.page);

    const kela = await signedInStaff(browser, 'kela.admin@kanava.example', 'Kela');
    await kela.page.goto('/provider');
    const editor = kela.page.locator('section.quality-policy');
    await expect(editor.getByText('Käytössä alustan oletus.')).toBeVisible();
    await expect(editor.getByRole('radio', { name: 'Estä' })).toBeChecked();
    await editor.getByRole('radio', { name: 'Varoita' }).check();
    // A recommendation below the minimum is refused at its field.
    await editor.getByLabel('Tuleva vähintään (kbit/s)').fill('1000');
    await editor.getByLabel('Tuleva suositus (kbit/s)').fill('800');
    await editor.getByRole('button', { name: 'Tallenna vaatimukset' }).click();
    await expect(editor.locator('#' + (await editor.getByLabel('Tuleva suositus (kbit/s)').getAttribute('id')) + '-error')).toHaveText(/below the minimum/);
    await editor.getByLabel('Tuleva suositus (kbit/s)').fill('1500');
    await editor.getByRole('button', { name: 'Tallenna vaatimukset' }).click();
    await expect(editor.getByText('Palvelulla on oma vaatimus.')).toBeVisible();
    await expectAccessible(kela.page);
    await editor.getByRole('button', { name: 'Käytä oletusta' }).click();
    await expect(editor.getByText('Käytössä alustan oletus.')).toBeVisible();
  });
});
