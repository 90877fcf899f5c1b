import AxeBuilder from '@axe-core/playwright';
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { parse as parseCsv } from 'csv-parse/sync';
import { hangUpAndClose } from '../fixtures/cleanup.ts';
import { customerWaits } from '../fixtures/kiosk.ts';
import { demoStaff, kioskLinkOf, signedInStaff, staffJoins } from '../fixtures/staff.ts';

test.afterEach(async ({ browser }) => {
  await hangUpAndClose(browser);
});

/** The billing CSV's columns as docs/billing-csv.md documents them (the test reads the document's list, not product code). */
const documentedBillingColumns = [
  'event_id', 'month', 'date', 'provider_code', 'provider_name', 'point_slug', 'point_name', 'service_code', 'service_name',
  'classification_code', 'classification_name', 'admitted_at', 'ended_at', 'duration_seconds', 'duration_minutes', 'booking_id',
];

const forms = (page: Page) => page.getByRole('region', { name: 'Lomakkeet' });
const form = (page: Page) => forms(page).getByRole('form', { name: /Yleinen asumistuki – perustiedot/ });
const admit = (page: Page, name: string) =>
  page.getByRole('region', { name: /Odottamassa/ }).getByRole('listitem').filter({ hasText: name }).getByRole('button', { name: 'Päästä sisään' }).click();
const axe = async (page: Page) => {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`)).toEqual([]);
};

interface Figures { events: number; byClassification: Record<string, number>; surveyAnswers: number }
interface Row { key: string; nameFi: string; figures: Figures }
interface Report { total: Figures; byProvider: Row[]; byPoint: Row[] }

const helsinkiMonth = () => new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', timeZone: 'Europe/Helsinki' }).format(new Date()).slice(0, 7);
const helsinkiDate = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Helsinki' }).format(new Date());

async function report(request: APIRequestContext, month: string): Promise<Report> {
  const res = await request.get(`/api/reports/monthly?month=${month}`);
  expect(res.ok(), await res.text()).toBe(true);
  return (await res.json()) as Report;
}
const pointRow = (r: Report, name: string) => r.byPoint.find((p) => p.nameFi === name)?.figures ?? { events: 0, byClassification: {}, surveyAnswers: 0 };

test('a call ends in a service event: classified by the expert, answered at the kiosk, in the month’s report and the billing CSV, hidden from another provider', async ({ browser }) => {
  const month = helsinkiMonth();
  const kaisa = await signedInStaff(browser, 'kela.admin@kanava.example', 'Kaisa');
  const before = pointRow(await report(kaisa.context.request, month), 'Suomussalmen asiointipiste');

  // A customer at Suomussalmi is served by Mikko (Kela), who files the housing allowance form.
  const kiosk = await kioskLinkOf(browser, 'suomussalmi');
  const mikko = await signedInStaff(browser, demoStaff.mikko, 'Mikko');
  await staffJoins(mikko, 'suomussalmi');
  const aino = await customerWaits(browser, kiosk, 'Aino Tapahtuma');
  await admit(mikko.page, aino.name);
  await expect(aino.page.getByRole('toolbar')).toBeVisible();
  await forms(mikko.page).getByLabel('Valitse lomake').selectOption({ label: 'Yleinen asumistuki – perustiedot (Yleinen asumistuki)' });
  await forms(mikko.page).getByRole('button', { name: 'Avaa lomake' }).click();
  const f = form(mikko.page);
  await f.getByLabel(/^Nimi/).fill('Aino Tapahtuma');
  await f.getByLabel(/^Henkilötunnus/).fill('131052-308T');
  await f.getByLabel(/^Asunnon osoite/).fill('Kunnantie 1');
  await f.getByLabel(/^Postinumero/).fill('89600 Suomussalmi');
  await f.getByLabel(/^Muuttopäivä/).fill('2026-02-01');
  await f.getByLabel(/^Vuokra/).fill('500');
  await f.getByLabel('Asun yksin').check();
  await f.getByLabel(/^Vakuutan tiedot oikeiksi/).check();
  await f.getByRole('button', { name: 'Jätä vireille' }).click();
  const receipt = form(aino.page).getByRole('region', { name: 'Kuitti: asia on jätetty' });
  await expect(receipt).toBeVisible();
  const hash = (await receipt.getByTestId('receipt-hash').textContent())?.trim() ?? '';
  const receiptNumber = (await receipt.getByTestId('receipt-number').textContent())?.trim() ?? '';

  // The expert ends the service: the kiosk asks the survey, the expert gets the event to classify.
  await mikko.page.getByRole('button', { name: 'Päätä palvelu' }).click();
  const survey = aino.page.getByRole('form', { name: 'Kerro, miten asiointi sujui' });
  await survey.getByRole('group', { name: 'Miten palvelu onnistui?' }).getByLabel('5 – erittäin hyvin').check();
  await survey.getByRole('group', { name: 'Miten yhteys toimi?' }).getByLabel('4 – hyvin').check();
  await survey.getByRole('button', { name: 'Lähetä vastaus' }).click();
  await expect(aino.page.getByText('Kiitos vastauksestasi!')).toBeVisible();

  const panel = mikko.page.getByRole('region', { name: 'Palvelutapahtuma' });
  await expect(panel.getByText('Palvelu päättyi. Valitse suorite ja arvioi yhteys.')).toBeVisible();
  // The service is known from the filed form.
  await expect(panel.getByLabel('Palvelu', { exact: true })).toHaveValue(/.+/);
  await expect(panel.getByLabel('Palvelu', { exact: true }).locator('option:checked')).toHaveText('Yleinen asumistuki');
  await axe(mikko.page);
  await panel.getByRole('group', { name: 'Suorite' }).getByLabel('Etäpalvelu').check();
  await panel.getByLabel('Huomautus (vapaaehtoinen)').fill('Hakemus jätetty');
  await panel.getByRole('button', { name: 'Tallenna suorite' }).click();
  await expect(panel.getByText('Suorite tallennettu: Etäpalvelu.')).toBeVisible();
  await panel.getByRole('group', { name: 'Yhteyden laatu omasta mielestäsi' }).getByLabel('4 – hyvä').check();
  await expect(panel.getByText('Yhteyden arvio tallennettu.')).toBeVisible();

  // The event as the point's advisor sees it on the day view: every field, no customer name.
  const pekka = await signedInStaff(browser, 'pekka.advisor@kanava.example', 'Pekka');
  const points = (await (await pekka.context.request.get('/api/points')).json()) as { id: string; slug: string }[];
  const suomussalmi = points.find((p) => p.slug === 'suomussalmi')?.id ?? '';
  const day = (await (await pekka.context.request.get(`/api/points/${suomussalmi}/service-events?date=${helsinkiDate()}`)).json()) as { events: Record<string, unknown>[] };
  const event = day.events.at(-1) as {
    id: string; durationS: number; lobbyWaitS: number | null; expert: { name: string }; provider: { nameFi: string }; service: { nameFi: string };
    classification: { code: string; note: string }; forms: { receiptNumber: string; sha256: string }[]; staffRatings: { role: string; rating: number }[];
    quality: { shareAboveMinimum: number }; admittedAt: string; endedAt: string;
  };
  expect(event.expert.name).toMatch(/^Mikko/);
  expect(event).toMatchObject({
    provider: { nameFi: 'Kela' },
    service: { nameFi: 'Yleinen asumistuki' },
    classification: { code: 'remote-service', note: 'Hakemus jätetty' },
    forms: [{ receiptNumber, sha256: hash }],
    staffRatings: [{ role: 'expert', rating: 4 }],
  });
  expect(event.durationS).toBeGreaterThanOrEqual(1);
  expect(event.lobbyWaitS).not.toBeNull();
  expect(event.quality.shareAboveMinimum).toBeGreaterThanOrEqual(0);
  expect(Date.parse(event.endedAt)).toBeGreaterThan(Date.parse(event.admittedAt));
  expect(JSON.stringify(event)).not.toContain('Aino');

  await pekka.page.goto('/advisor/day');
  const events = pekka.page.getByRole('region', { name: 'Päivän palvelutapahtumat' });
  await expect(events.locator(`tr[data-event="${event.id}"]`)).toContainText('Suorite: Etäpalvelu (Mikko');
  await axe(pekka.page);

  // The month's report counts it, with the survey answer; the screen shows it too.
  await expect.poll(async () => pointRow(await report(kaisa.context.request, month), 'Suomussalmen asiointipiste').events).toBe(before.events + 1);
  const after = pointRow(await report(kaisa.context.request, month), 'Suomussalmen asiointipiste');
  expect(after.byClassification['remote-service'] ?? 0).toBe((before.byClassification['remote-service'] ?? 0) + 1);
  expect(after.surveyAnswers).toBe(before.surveyAnswers + 1);
  await kaisa.page.goto('/reports');
  const byPoint = kaisa.page.getByRole('table', { name: 'Asiointipisteittäin' });
  await expect(byPoint.getByRole('row', { name: /Suomussalmen asiointipiste/ })).toContainText(String(after.events));
  await axe(kaisa.page);
  await kaisa.page.goto('/reports/pilot');
  await expect(kaisa.page.getByText(/^Käyttöönotto /)).toBeVisible();
  await axe(kaisa.page);

  // The billing CSV parses with the documented columns and lists the event.
  const csv = await kaisa.context.request.get(`/api/reports/billing.csv?month=${month}`);
  expect(csv.headers()['content-type']).toContain('text/csv');
  const text = await csv.text();
  const [header] = parseCsv(text, { to_line: 1 }) as string[][];
  expect(header).toEqual(documentedBillingColumns);
  const rows = parseCsv(text, { columns: true }) as Record<string, string>[];
  expect(rows.find((r) => r.event_id === event.id)).toMatchObject({
    month,
    provider_code: 'kela',
    point_slug: 'suomussalmi',
    service_code: 'housing-allowance',
    classification_code: 'remote-service',
    classification_name: 'Etäpalvelu',
    duration_seconds: String(event.durationS),
  });
  const reportCsv = await kaisa.context.request.get(`/api/reports/monthly.csv?month=${month}`);
  expect((parseCsv(await reportCsv.text(), { to_line: 1 }) as string[][])[0]?.slice(0, 4)).toEqual(['month', 'group', 'key', 'name']);

  // Another provider's admin sees none of it.
  const ville = await signedInStaff(browser, 'vero.admin@kanava.example', 'Ville');
  const vero = await report(ville.context.request, month);
  expect(vero.byProvider.map((p) => p.nameFi)).not.toContain('Kela');
  expect((await ville.context.request.get(`/api/service-events/${event.id}`)).status()).toBe(403);
  const veroBilling = await (await ville.context.request.get(`/api/reports/billing.csv?month=${month}`)).text();
  expect(veroBilling).not.toContain(event.id);
  const kelaId = ((await (await kaisa.context.request.get('/api/registry/providers')).json()) as { id: string; code: string }[]).find((p) => p.code === 'kela')?.id ?? '';
  expect((await ville.context.request.get(`/api/reports/billing.csv?month=${month}&providerId=${kelaId}`)).status()).toBe(403);
});

test('an event the expert left unclassified is flagged on the advisor’s day view, and the advisor classifies it there', async ({ browser }) => {
  const kiosk = await kioskLinkOf(browser, 'suomussalmi');
  const mikko = await signedInStaff(browser, demoStaff.mikko, 'Mikko');
  await staffJoins(mikko, 'suomussalmi');
  const aino = await customerWaits(browser, kiosk, 'Aino Luokittelematon');
  await admit(mikko.page, aino.name);
  await expect(aino.page.getByRole('toolbar')).toBeVisible();
  // The customer hangs up; the expert closes the event without classifying it.
  await aino.page.getByRole('button', { name: 'Lopeta puhelu' }).click();
  const panel = mikko.page.getByRole('region', { name: 'Palvelutapahtuma' });
  await expect(panel.getByRole('button', { name: 'Tallenna suorite' })).toBeVisible();
  await panel.getByRole('button', { name: 'Sulje' }).click();
  await expect(panel).toHaveCount(0);

  const pekka = await signedInStaff(browser, 'pekka.advisor@kanava.example', 'Pekka');
  const points = (await (await pekka.context.request.get('/api/points')).json()) as { id: string; slug: string }[];
  const suomussalmi = points.find((p) => p.slug === 'suomussalmi')?.id ?? '';
  let eventId = '';
  await expect
    .poll(async () => {
      const day = (await (await pekka.context.request.get(`/api/points/${suomussalmi}/service-events?date=${helsinkiDate()}`)).json()) as { events: { id: string; classification: unknown }[] };
      eventId = day.events.at(-1)?.id ?? '';
      return day.events.at(-1)?.classification;
    })
    .toBeNull();

  await pekka.page.goto('/advisor/day');
  const events = pekka.page.getByRole('region', { name: 'Päivän palvelutapahtumat' });
  await expect(events.getByRole('status')).toContainText(/on luokittelematta/);
  const row = events.locator(`tr[data-event="${eventId}"]`);
  await expect(row).toContainText('Luokittelematta');
  await row.getByRole('button', { name: /^Luokittele palvelutapahtuma klo/ }).click();
  await events.getByLabel('Palvelu', { exact: true }).selectOption({ label: 'Perustoimeentulotuki' });
  await events.getByRole('group', { name: 'Suorite' }).getByLabel('Neuvonta 0–5 min').check();
  await axe(pekka.page);
  await events.getByRole('button', { name: 'Tallenna suorite' }).click();
  await expect(row).toContainText('Suorite: Neuvonta 0–5 min (Pekka');
  await expect(row).not.toContainText('Luokittelematta');
});
