import AxeBuilder from '@axe-core/playwright';
import { expect, test, type APIRequestContext, type Browser, type Page } from '@playwright/test';
import { ensureKalle, KALLE } from '../fixtures/booking.ts';
import { hangUpAndClose } from '../fixtures/cleanup.ts';
import { homeLinkIn, mailsTo } from '../fixtures/mail.ts';
import { recordPeerConnections } from '../fixtures/media.ts';
import { expectReceivingFrom, expectRemoteVideoRendered } from '../fixtures/room.ts';
import { demoStaff, DEMO_PASSWORD, signedInStaff, staffJoins } from '../fixtures/staff.ts';

/**
 * A customer at home: the advisor books with a personal link, the customer reads it from their
 * e-mail, opens it in their own browser (no kiosk token), passes the device check, waits, is
 * admitted by the booked expert and media flows; a cancelled or broken link says why in fi/sv/en.
 * The booked expert is Kalle (a second Kela expert without demo bookings), bookable every 10
 * minutes today, so the first free time is always within the link's 15 minutes before.
 */

test.afterEach(async ({ browser }) => {
  await hangUpAndClose(browser);
});

async function expectNoViolations(page: Page) {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`)).toEqual([]);
}

const weekdays = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
const helsinkiWeekday = () => weekdays[new Date(new Date().toLocaleString('en-US', { timeZone: 'Europe/Helsinki' })).getDay()]!;

interface Setup {
  kuhmoId: string;
  openingHours: unknown;
  ruleId: string;
  socialId: string;
  kalleId: string;
}

async function signedInRequest(browser: Browser, email: string): Promise<APIRequestContext> {
  const context = await browser.newContext();
  expect((await context.request.post('/api/auth/sign-in', { data: { email, password: DEMO_PASSWORD } })).ok()).toBe(true);
  return context.request;
}

/**
 * So that a booking can start within minutes whenever the suite runs: Kuhmo open around the
 * clock and Kalle bookable for basic social assistance every 10 minutes today (both undone after).
 */
async function bookableNow(browser: Browser): Promise<Setup> {
  await ensureKalle(browser);
  const admin = await signedInRequest(browser, demoStaff.admin);
  const points = (await (await admin.get('/api/registry/points')).json()) as { id: string; slug: string; openingHours: { weekly: Record<string, unknown>; exceptions: unknown[] } }[];
  const kuhmo = points.find((p) => p.slug === 'kuhmo')!;
  const allDay = [{ from: '00:00', to: '23:59' }];
  const patched = await admin.patch(`/api/registry/points/${kuhmo.id}`, {
    data: { openingHours: { weekly: Object.fromEntries(weekdays.map((d) => [d, allDay])), exceptions: [] } },
  });
  expect(patched.ok(), await patched.text()).toBe(true);
  const kaisa = await signedInRequest(browser, 'kela.admin@kanava.example');
  const me = (await (await kaisa.get('/api/auth/me')).json()) as { roles: { kind: string; providerId?: string }[] };
  const providerId = me.roles.find((r) => r.kind === 'providerAdmin')?.providerId ?? '';
  const times = (await (await kaisa.get(`/api/booking/providers/${providerId}/times`)).json()) as { rules: { serviceId: string; from: string }[] };
  const social = times.rules.find((r) => r.from === '12:30')!;
  const experts = (await (await kaisa.get(`/api/registry/providers/${providerId}/accounts`)).json()) as { id: string; email: string }[];
  const kalleId = experts.find((e) => e.email === KALLE.email)?.id ?? '';
  const rule = await kaisa.post('/api/booking/rules', {
    data: { serviceId: social.serviceId, expertId: kalleId, weekday: helsinkiWeekday(), from: '00:00', to: '24:00', slotMinutes: 10, bufferMinutes: 0 },
  });
  expect(rule.status(), await rule.text()).toBe(201);
  return { kuhmoId: kuhmo.id, openingHours: kuhmo.openingHours, ruleId: ((await rule.json()) as { id: string }).id, socialId: social.serviceId, kalleId };
}

async function undo(browser: Browser, s: Setup): Promise<void> {
  const admin = await signedInRequest(browser, demoStaff.admin);
  await admin.patch(`/api/registry/points/${s.kuhmoId}`, { data: { openingHours: s.openingHours } });
  const kaisa = await signedInRequest(browser, 'kela.admin@kanava.example');
  await kaisa.delete(`/api/booking/rules/${s.ruleId}`);
}

test.describe('a customer at home with a personal link', () => {
  let setup: Setup | undefined;
  test.beforeAll(async ({ browser }) => {
    setup = await bookableNow(browser);
  });
  test.afterAll(async ({ browser }) => {
    if (setup) await undo(browser, setup);
  });

  test('the advisor books with a home link; the customer opens it from the e-mail, passes the check, is admitted by the booked expert and media flows both ways', async ({ browser }) => {
    const email = `aino.kotona.${Date.now()}@example.fi`;
    const sanna = await signedInStaff(browser, demoStaff.sanna, 'Sanna');
    await sanna.page.goto('/advisor/book');
    await sanna.page.getByLabel('Palvelu').selectOption({ label: 'Kela: Perustoimeentulotuki' });
    await sanna.page.getByRole('button', { name: 'Hae vapaat ajat' }).click();
    await sanna.page.getByRole('button', { name: /klo \d\d\.\d\d, Kalle/ }).first().click();
    await sanna.page.getByLabel('Asiakkaan nimi').fill('Aino Kotona');
    await sanna.page.getByLabel('Asiakas osallistuu kotoa').check();
    await sanna.page.getByLabel('Asiakkaan sähköpostiosoite').fill(email);
    await expectNoViolations(sanna.page);
    await sanna.page.getByRole('button', { name: 'Vahvista varaus' }).click();
    await expect(sanna.page.getByRole('status').filter({ hasText: `Henkilökohtainen linkki lähetetään osoitteeseen ${email}` })).toBeVisible();

    const [mail] = await mailsTo(email);
    expect(mail!.subject).toMatch(/^Ajanvaraus \/ Tidsbokning \/ Booking: Perustoimeentulotuki/);
    const link = homeLinkIn(mail!);

    // The customer's own browser: no staff sign-in, no kiosk token.
    const context = await browser.newContext({ permissions: ['camera', 'microphone'] });
    await recordPeerConnections(context);
    const home = { context, page: await context.newPage(), name: 'Aino' };
    await home.page.goto(link);
    await expect(home.page.getByRole('status').filter({ hasText: /Kela – Perustoimeentulotuki/ })).toBeVisible();
    await home.page.getByRole('group', { name: 'Valitse kieli aloittaaksesi' }).getByRole('button', { name: 'Suomi' }).click();
    await home.page.getByLabel('Nimesi (vapaaehtoinen)').fill(home.name);
    const enter = home.page.getByRole('button', { name: 'Siirry odottamaan' });
    await expect(enter).toBeEnabled();
    await enter.click();
    await expect(home.page.getByRole('heading', { name: 'Asiantuntija päästää sinut pian sisään' })).toBeVisible();

    const kalle = await signedInStaff(browser, KALLE.email, 'Kalle');
    await staffJoins(kalle, 'kuhmo');
    const entry = kalle.page.getByRole('region', { name: /Odottamassa/ }).getByRole('listitem').filter({ hasText: home.name });
    await expect(entry).toContainText(/Varaus klo \d\d\.\d\d · Perustoimeentulotuki · Kalle Asiantuntija \(Kela\) · kotoa/);
    await entry.getByRole('button', { name: 'Päästä sisään' }).click();
    await expect(home.page.getByRole('toolbar')).toBeVisible();
    await expectReceivingFrom(home, 1);
    await expectReceivingFrom(kalle, 1);
    await expectRemoteVideoRendered(home, 1);

    await sanna.page.goto('/advisor/day');
    await expect(sanna.page.getByRole('row').filter({ hasText: 'Aino Kotona' })).toContainText(`Kotoa: ${email}`);
  });

  test('a cancelled booking’s link and a broken link say so in Finnish, Swedish and English', async ({ browser }) => {
    if (!setup) throw new Error('no setup');
    const email = `olli.kotona.${Date.now()}@example.fi`;
    const sanna = await signedInRequest(browser, demoStaff.sanna);
    const slots = (await (await sanna.get(`/api/booking/slots?pointId=${setup.kuhmoId}&serviceId=${setup.socialId}&from=${new Date().toISOString().slice(0, 10)}&days=2`)).json()) as { startsAt: string; expertId: string }[];
    const held = await sanna.post('/api/booking/holds', { data: { pointId: setup.kuhmoId, serviceId: setup.socialId, expertId: slots[0]!.expertId, startsAt: slots[0]!.startsAt } });
    expect(held.status(), await held.text()).toBe(201);
    const id = ((await held.json()) as { id: string }).id;
    expect((await sanna.post(`/api/booking/bookings/${id}/confirm`, { data: { customer: { name: 'Olli Kotona' }, fromHome: { email } } })).ok()).toBe(true);
    const link = homeLinkIn((await mailsTo(email))[0]!);
    expect((await sanna.post(`/api/booking/bookings/${id}/cancel`, { data: { reason: '' } })).ok()).toBe(true);
    await mailsTo(email, (m) => /peruttu/.test(m.subject));

    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(link);
    const refused = page.getByRole('alert');
    await expect(refused).toContainText('Tämä ajanvaraus on peruttu, eikä linkki enää toimi.');
    await expect(refused.locator('p[lang="sv"]')).toHaveText('Den här tidsbokningen har avbokats och länken fungerar inte längre.');
    await expect(refused.locator('p[lang="en"]')).toHaveText('This booking has been cancelled and the link no longer works.');
    // No way on to the device check or the lobby.
    await expect(page.getByRole('group', { name: 'Valitse kieli aloittaaksesi' })).toHaveCount(0);
    await expectNoViolations(page);

    await page.goto(`${link.slice(0, -3)}xyz`);
    await expect(page.getByRole('alert')).toContainText('Linkki ei kelpaa.');
    await expect(page.getByRole('alert').locator('p[lang="en"]')).toHaveText('The link is not valid. Check that you copied the whole link from the e-mail.');
    await context.close();
  });
});
