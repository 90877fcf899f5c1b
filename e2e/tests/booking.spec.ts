import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { hangUpAndClose } from '../fixtures/cleanup.ts';
import { customerWaits } from '../fixtures/kiosk.ts';
import { demoStaff, kioskLinkOf, signedInStaff, staffJoins } from '../fixtures/staff.ts';

// Calls a test opened are ended even when it fails, so the next test starts from empty rooms.
test.afterEach(async ({ browser }) => {
  await hangUpAndClose(browser);
});

async function expectNoViolations(page: Page) {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`)).toEqual([]);
}

const helsinkiDate = (iso: string) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Helsinki' }).format(new Date(iso));
const helsinkiClock = (iso: string) => new Intl.DateTimeFormat('fi-FI', { timeZone: 'Europe/Helsinki', hour: '2-digit', minute: '2-digit' }).format(new Date(iso));

/** One waiting customer's entry in the staff's lobby panel. */
function waitingEntry(page: Page, name: string) {
  return page.getByRole('region', { name: /Odottamassa/ }).getByRole('listitem').filter({ hasText: name });
}

test.describe('booking tied to the rooms', () => {
  test('the provider admin sees the bookable times; an advisor books a free time with the keyboard and moves it; the expert finds it on the agenda with a join button', async ({ browser }) => {
    const kaisa = await signedInStaff(browser, 'kela.admin@kanava.example', 'Kaisa');
    await kaisa.page.goto('/provider/booking');
    await expect(kaisa.page.getByRole('heading', { name: 'Viikoittaiset ajat' })).toBeVisible();
    await expect(kaisa.page.getByRole('cell', { name: /Tiistai 09:00–12:00, 30 min \+ 10 min tauko/ }).first()).toBeVisible();
    await expectNoViolations(kaisa.page);

    const sanna = await signedInStaff(browser, demoStaff.sanna, 'Sanna');
    await sanna.page.goto('/advisor/book');
    await sanna.page.getByLabel('Palvelu').selectOption({ label: 'Kela: Yleinen asumistuki' });
    await sanna.page.getByRole('button', { name: 'Hae vapaat ajat' }).click();
    const firstSlot = sanna.page.getByRole('button', { name: /klo \d\d\.\d\d, Mikko/ }).first();
    await expect(firstSlot).toBeVisible();
    await expectNoViolations(sanna.page);
    const bookedAt = (await firstSlot.getAttribute('data-starts-at')) ?? '';
    await firstSlot.focus();
    await sanna.page.keyboard.press('Enter');
    await expect(sanna.page.getByText(/on pidossa sinulle klo/)).toBeVisible();
    await sanna.page.getByLabel('Asiakkaan nimi').fill('Aino Agenda');
    await sanna.page.getByLabel('Viesti asiantuntijalle (vapaaehtoinen)').fill('Asumistuen hakemus');
    await expectNoViolations(sanna.page);
    await sanna.page.getByRole('button', { name: 'Vahvista varaus' }).click();
    await expect(sanna.page.getByRole('status').filter({ hasText: 'Aika varattu' })).toBeVisible();

    // The customer cannot come then: the advisor moves the booking on the day view to another free time.
    await sanna.page.getByRole('link', { name: 'Päivän asiakkaat' }).click();
    await sanna.page.getByLabel('Päivä', { exact: true }).fill(helsinkiDate(bookedAt));
    const row = sanna.page.getByRole('row').filter({ hasText: 'Aino Agenda' });
    await row.getByRole('button', { name: /^Siirrä varaus: Aino Agenda/ }).click();
    const newSlot = row.getByRole('region', { name: 'Uusi aika: Aino Agenda' }).getByRole('button', { name: /klo \d\d\.\d\d, Mikko/ }).first();
    const movedTo = (await newSlot.getAttribute('data-starts-at')) ?? '';
    expect(movedTo).not.toBe(bookedAt);
    await newSlot.click();
    await expect(sanna.page.getByRole('status').filter({ hasText: 'Varaus siirretty' })).toBeVisible();

    const mikko = await signedInStaff(browser, demoStaff.mikko, 'Mikko');
    await mikko.page.goto('/agenda');
    await expect(mikko.page.getByRole('heading', { name: 'Asialista', level: 1 })).toBeVisible();
    const item = mikko.page.locator('li.agenda-item').filter({ hasText: 'Aino Agenda' });
    await expect(item).toContainText('Asumistuen hakemus');
    await expect(item).toContainText('Kuhmon asiointipiste');
    await expect(item).toContainText(helsinkiClock(movedTo));
    await expect(item.getByRole('link', { name: /Liity huoneeseen: Kuhmon asiointipiste/ })).toHaveAttribute('href', '/p/kuhmo');
    await expectNoViolations(mikko.page);

    // Ella (Vero) sees none of Mikko's bookings.
    const ella = await signedInStaff(browser, demoStaff.ella, 'Ella');
    await ella.page.goto('/agenda');
    await expect(ella.page.getByRole('heading', { name: 'Tänään' })).toBeVisible();
    await expect(ella.page.locator('li.agenda-item').filter({ hasText: 'Aino Agenda' })).toHaveCount(0);
  });

  test('the advisor marks a booked customer arrived; the expert is told whose booking waits, sees it in the lobby and admits the customer', async ({ browser }) => {
    const kiosk = await kioskLinkOf(browser, 'kuhmo');
    const sanna = await signedInStaff(browser, demoStaff.sanna, 'Sanna');
    await sanna.page.goto('/advisor/day');
    const arrived = sanna.page.getByRole('button', { name: /^Asiakas saapui: Aino Esimerkki/ });
    await expect(arrived).toBeVisible();
    await expectNoViolations(sanna.page);
    await arrived.click();
    await expect(sanna.page.getByRole('status').filter({ hasText: 'Aino Esimerkki on merkitty saapuneeksi' })).toBeVisible();
    const row = sanna.page.getByRole('row').filter({ hasText: 'Aino Esimerkki' });
    await expect(row).toContainText('Saapunut');

    const mikko = await signedInStaff(browser, demoStaff.mikko, 'Mikko');
    await mikko.page.goto('/staff');
    await expect(mikko.page.locator('li.room-card[data-slug="kuhmo"]')).toBeVisible();
    const aino = await customerWaits(browser, kiosk, 'Aino');
    await expect(mikko.page.getByRole('status').filter({ hasText: /Kuhmon asiointipiste: asiakas odottaa \(Varaus klo 10\.20 · Yleinen asumistuki · Mikko/ })).toBeVisible();

    await staffJoins(mikko, 'kuhmo');
    const entry = waitingEntry(mikko.page, aino.name);
    await expect(entry).toContainText('Varaus klo 10.20 · Yleinen asumistuki · Mikko Asiantuntija (Kela)');
    await expectNoViolations(mikko.page);
    await entry.getByRole('button', { name: 'Päästä sisään' }).click();
    await expect(aino.page.getByRole('toolbar')).toBeVisible();

    await sanna.page.reload();
    await expect(sanna.page.getByRole('row').filter({ hasText: 'Aino Esimerkki' })).toContainText('Palveltu');
    await expect(sanna.page.getByRole('region', { name: 'Saapuneet tänään' }).or(sanna.page.locator('section[aria-labelledby="day-arrivals"]'))).toContainText('liittyi aulaan');
  });

  test('a walk-in customer: the advisor picks provider and service, and the provider’s expert sees it in the lobby', async ({ browser }) => {
    const kiosk = await kioskLinkOf(browser, 'kuhmo');
    const sanna = await signedInStaff(browser, demoStaff.sanna, 'Sanna');
    await sanna.page.goto('/advisor/day');
    await sanna.page.getByLabel('Palveluntuottaja').selectOption({ label: 'Verohallinto' });
    await sanna.page.getByRole('combobox', { name: 'Palvelu', exact: true }).selectOption({ label: 'Verokortti' });
    await sanna.page.getByRole('button', { name: 'Ilmoita asiakas' }).click();
    await expect(sanna.page.getByRole('status').filter({ hasText: 'Asiakas ilmoitettu: Verohallinto: Verokortti' })).toBeVisible();

    const ella = await signedInStaff(browser, demoStaff.ella, 'Ella');
    await staffJoins(ella, 'kuhmo');
    const pekka = await customerWaits(browser, kiosk, 'Pekka');
    await expect(waitingEntry(ella.page, pekka.name)).toContainText('Ilman ajanvarausta · Verohallinto: Verokortti');
  });
});
