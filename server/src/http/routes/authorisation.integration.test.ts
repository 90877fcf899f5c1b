import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ServicePointIdSchema } from '@kanava/shared';
import { DEMO_PASSWORD } from '../../db/demoContent.ts';
import { dialects } from '../../db/testing/testDatabases.ts';
import { ApiClient } from './testing/apiClient.ts';
import { bookingMatrixIds, type BookingMatrixIds } from '../../booking/testing/matrixBookings.ts';
import { startTestKanava, type TestKanava } from './testing/testKanava.ts';

/**
 * The authorisation matrix: every records endpoint × every role, plus signed out.
 * Signed out always gets 401; a role not listed gets 403; a listed role gets the status given
 * (what the request itself deserves). A provider admin never sees or changes another
 * provider's services; an advisor sees only their points.
 */
const who = {
  admin: 'admin@kanava.example',
  kelaAdmin: 'kela.admin@kanava.example',
  veroAdmin: 'vero.admin@kanava.example',
  kelaExpert: 'mikko.expert@kanava.example',
  veroExpert: 'ella.expert@kanava.example',
  kuhmoAdvisor: 'sanna.advisor@kanava.example',
  suomussalmiAdvisor: 'pekka.advisor@kanava.example',
} as const;
type Who = keyof typeof who;
const everyone = Object.keys(who) as Who[];

interface Ids {
  kuhmo: string;
  puolanka: string;
  kela: string;
  kelaService: string;
  veroService: string;
  agreement: string;
  target: string;
  booking: BookingMatrixIds;
}

interface Row {
  name: string;
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  path: (ids: Ids, as: Who | 'signedOut') => string;
  body?: (as: Who) => unknown;
  contentType?: string;
  /** The roles allowed, with the status each gets. */
  allowed: Partial<Record<Who, number>>;
}

const ok = (roles: Who[], status = 200) => Object.fromEntries(roles.map((r) => [r, status])) as Partial<Record<Who, number>>;
const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n', 'latin1');

const matrix: Row[] = [
  { name: 'who am I', method: 'GET', path: () => '/api/auth/me', allowed: ok(everyone) },
  { name: 'my rooms', method: 'GET', path: () => '/api/my/points', allowed: ok(everyone) },
  { name: 'search the point registry', method: 'GET', path: () => '/api/registry/points?q=kuhmo', allowed: ok(['admin']) },
  {
    name: 'create a point',
    method: 'POST',
    path: () => '/api/registry/points',
    body: (as) => ({ slug: `matrix-${as.toLowerCase()}`, nameFi: 'Testi', nameSv: 'Test', municipality: 'Kuhmo' }),
    allowed: ok(['admin'], 201),
  },
  { name: 'read a point', method: 'GET', path: (i) => `/api/registry/points/${i.kuhmo}`, allowed: ok(['admin', 'kuhmoAdvisor']) },
  { name: 'edit a point', method: 'PATCH', path: (i) => `/api/registry/points/${i.kuhmo}`, body: () => ({ contactPhone: '+358 8 000 000' }), allowed: ok(['admin']) },
  { name: 'services at a point', method: 'GET', path: (i) => `/api/registry/points/${i.kuhmo}/services`, allowed: ok(['admin', 'kuhmoAdvisor']) },
  { name: 'replace a kiosk token', method: 'POST', path: (i) => `/api/registry/points/${i.puolanka}/kiosk-token`, allowed: ok(['admin']) },
  { name: 'read the checklist', method: 'GET', path: (i) => `/api/registry/points/${i.puolanka}/checklist`, allowed: ok(['admin']) },
  { name: 'read the kiosk’s latest check', method: 'GET', path: (i) => `/api/registry/points/${i.kuhmo}/kiosk-check`, allowed: ok(['admin', 'kuhmoAdvisor']) },
  // Puolanka has no agreement yet: the admin is allowed, and told why the step cannot be done.
  { name: 'complete a checklist step', method: 'POST', path: (i) => `/api/registry/points/${i.puolanka}/checklist`, body: () => ({ step: 'agreement' }), allowed: ok(['admin'], 409) },
  { name: 'list providers', method: 'GET', path: () => '/api/registry/providers', allowed: ok(everyone) },
  {
    name: 'create a provider',
    method: 'POST',
    path: () => '/api/registry/providers',
    body: (as) => ({ code: `matrix-${as.toLowerCase()}`, nameFi: 'T', nameSv: 'T', nameEn: 'T' }),
    allowed: ok(['admin'], 201),
  },
  { name: 'edit a provider', method: 'PATCH', path: (i) => `/api/registry/providers/${i.kela}`, body: () => ({ contactEmail: 'kela@kela.example' }), allowed: ok(['admin']) },
  { name: 'list a provider’s services', method: 'GET', path: (i) => `/api/registry/providers/${i.kela}/services`, allowed: ok(['admin', 'kelaAdmin', 'kelaExpert']) },
  {
    name: 'create a service',
    method: 'POST',
    path: (i) => `/api/registry/providers/${i.kela}/services`,
    body: (as) => ({ code: `matrix-${as.toLowerCase()}`, nameFi: 'T', nameSv: 'T', nameEn: 'T' }),
    allowed: ok(['admin', 'kelaAdmin'], 201),
  },
  { name: 'list a provider’s experts', method: 'GET', path: (i) => `/api/registry/providers/${i.kela}/accounts`, allowed: ok(['admin', 'kelaAdmin']) },
  { name: 'edit a service', method: 'PATCH', path: (i) => `/api/registry/services/${i.kelaService}`, body: () => ({ nameEn: 'General housing allowance' }), allowed: ok(['admin', 'kelaAdmin']) },
  { name: 'write a service card', method: 'PUT', path: (i) => `/api/registry/services/${i.kelaService}/card`, body: () => ({ text: 'Ohje' }), allowed: ok(['admin', 'kelaAdmin']) },
  {
    name: 'upload a service card PDF',
    method: 'PUT',
    path: (i) => `/api/registry/services/${i.kelaService}/card/pdf?name=kortti.pdf`,
    body: () => pdf,
    contentType: 'application/pdf',
    allowed: ok(['admin', 'kelaAdmin']),
  },
  // Kela serves both Kuhmo and Suomussalmi, so both points' advisors read its cards.
  { name: 'read a Kela service card', method: 'GET', path: (i) => `/api/registry/services/${i.kelaService}/card`, allowed: ok(['admin', 'kelaAdmin', 'kelaExpert', 'kuhmoAdvisor', 'suomussalmiAdvisor']) },
  { name: 'open a Kela service card PDF', method: 'GET', path: (i) => `/api/registry/services/${i.kelaService}/card/pdf`, allowed: ok(['admin', 'kelaAdmin', 'kelaExpert', 'kuhmoAdvisor', 'suomussalmiAdvisor']) },
  { name: 'read a Vero service card', method: 'GET', path: (i) => `/api/registry/services/${i.veroService}/card`, allowed: ok(['admin', 'veroAdmin', 'veroExpert', 'kuhmoAdvisor', 'suomussalmiAdvisor']) },
  { name: 'list agreements', method: 'GET', path: () => '/api/registry/agreements', allowed: ok(['admin']) },
  {
    name: 'create an agreement',
    method: 'POST',
    path: () => '/api/registry/agreements',
    body: () => ({ pointId: ids.puolanka, providerId: ids.kela, validFrom: '2026-01-01' }),
    allowed: ok(['admin'], 201),
  },
  { name: 'edit an agreement', method: 'PATCH', path: (i) => `/api/registry/agreements/${i.agreement}`, body: () => ({ validTo: '2030-12-31' }), allowed: ok(['admin']) },
  { name: 'list accounts', method: 'GET', path: () => '/api/registry/accounts', allowed: ok(['admin']) },
  {
    name: 'create a Kela expert account',
    method: 'POST',
    path: () => '/api/registry/accounts',
    body: (as) => ({ email: `matrix-${as.toLowerCase()}@kanava.example`, displayName: 'T', roles: [{ kind: 'expert', providerId: ids.kela }] }),
    allowed: ok(['admin', 'kelaAdmin'], 201),
  },
  { name: 'edit a Kela expert’s account', method: 'PATCH', path: (i) => `/api/registry/accounts/${i.target}`, body: () => ({ displayName: 'Kohde' }), allowed: ok(['admin', 'kelaAdmin']) },
  { name: 'set a Kela expert’s password', method: 'POST', path: (i) => `/api/registry/accounts/${i.target}/password`, body: () => ({ password: 'toinen-salasana-1' }), allowed: ok(['admin', 'kelaAdmin'], 204) },
  { name: 'unlock an account', method: 'POST', path: (i) => `/api/registry/accounts/${i.target}/unlock`, allowed: ok(['admin']) },
  { name: 'read the audit log', method: 'GET', path: () => '/api/registry/audit', allowed: ok(['admin']) },
  { name: 'close a point', method: 'POST', path: (i) => `/api/registry/points/${i.puolanka}/close`, allowed: ok(['admin']) },
  // Booking (issue 5): provider admins keep their bookable times; the point's advisors book at it;
  // an expert sees and cancels only their own bookings. Each role removes a rule of its own; the
  // first to cancel a booking leaves the next a 409.
  { name: 'read Kela’s bookable times', method: 'GET', path: (i) => `/api/booking/providers/${i.kela}/times`, allowed: ok(['admin', 'kelaAdmin']) },
  {
    name: 'add a bookable-time rule',
    method: 'POST',
    path: () => '/api/booking/rules',
    body: () => ({ serviceId: ids.kelaService, expertId: ids.booking.mikko, weekday: 'sat', from: '12:00', to: '13:00', slotMinutes: 30, bufferMinutes: 0 }),
    allowed: ok(['admin', 'kelaAdmin'], 201),
  },
  { name: 'remove a bookable-time rule', method: 'DELETE', path: (i, as) => `/api/booking/rules/${i.booking.rules[as]}`, allowed: ok(['admin', 'kelaAdmin'], 204) },
  { name: 'add a booking exception', method: 'POST', path: () => '/api/booking/exceptions', body: () => ({ providerId: ids.kela, date: '2031-01-03' }), allowed: ok(['admin', 'kelaAdmin'], 201) },
  { name: 'remove a booking exception', method: 'DELETE', path: (i, as) => `/api/booking/exceptions/${i.booking.exceptions[as]}`, allowed: ok(['admin', 'kelaAdmin'], 204) },
  { name: 'free slots at Kuhmo', method: 'GET', path: (i) => `/api/booking/slots?pointId=${i.kuhmo}&serviceId=${i.kelaService}&from=2030-01-01&days=7`, allowed: ok(['kuhmoAdvisor']) },
  {
    name: 'hold a slot at Kuhmo',
    method: 'POST',
    path: () => '/api/booking/holds',
    body: () => ({ pointId: ids.kuhmo, serviceId: ids.kelaService, ...ids.booking.freeSlot }),
    allowed: ok(['kuhmoAdvisor'], 201),
  },
  { name: 'confirm a held booking', method: 'POST', path: (i) => `/api/booking/bookings/${i.booking.held}/confirm`, body: () => ({ customer: { name: 'Aino' } }), allowed: ok(['kuhmoAdvisor']) },
  { name: 'read a Kuhmo booking of Mikko', method: 'GET', path: (i) => `/api/booking/bookings/${i.booking.booked}`, allowed: ok(['kelaExpert', 'kuhmoAdvisor']) },
  { name: 'reschedule a booking', method: 'POST', path: (i) => `/api/booking/bookings/${i.booking.booked}/reschedule`, body: () => ({ startsAt: ids.booking.rescheduleTo }), allowed: ok(['kuhmoAdvisor'], 201) },
  // Not yet begun: allowed, and told why it cannot be a no-show.
  { name: 'mark a no-show', method: 'POST', path: (i) => `/api/booking/bookings/${i.booking.toCancel}/no-show`, allowed: ok(['kuhmoAdvisor'], 409) },
  { name: 'cancel a booking', method: 'POST', path: (i) => `/api/booking/bookings/${i.booking.toCancel}/cancel`, allowed: { kelaExpert: 200, kuhmoAdvisor: 409 } },
  { name: 'mark today’s booking arrived', method: 'POST', path: (i) => `/api/booking/bookings/${i.booking.todaysBooking}/arrive`, allowed: ok(['kuhmoAdvisor']) },
  { name: 'the day at Kuhmo', method: 'GET', path: (i) => `/api/booking/points/${i.kuhmo}/day`, allowed: ok(['kuhmoAdvisor']) },
  { name: 'register a walk-in at Kuhmo', method: 'POST', path: (i) => `/api/booking/points/${i.kuhmo}/walk-ins`, body: () => ({ serviceId: ids.veroService }), allowed: ok(['kuhmoAdvisor'], 201) },
  { name: 'my agenda (own bookings only)', method: 'GET', path: () => '/api/booking/agenda', allowed: ok(everyone) },
];

let ids: Ids;

describe.each(dialects)('authorisation matrix on %s', (dialect) => {
  let t: TestKanava;
  const clients = new Map<Who | 'signedOut', ApiClient>();

  beforeAll(async () => {
    t = await startTestKanava(dialect);
    for (const w of everyone) {
      const c = new ApiClient(t.kanava.url);
      expect(await c.signIn(who[w], DEMO_PASSWORD)).toBe(200);
      clients.set(w, c);
    }
    clients.set('signedOut', new ApiClient(t.kanava.url));
    const { points, providers, services, agreements } = t.kanava.records.repos;
    const point = async (slug: string) => (await points.search({ text: slug })).find((p) => p.slug === slug)?.id ?? '';
    const kela = (await providers.getByCode('kela'))?.id;
    const vero = (await providers.getByCode('vero'))?.id;
    if (!kela || !vero) throw new Error('demo providers missing');
    const admin = clients.get('admin') as ApiClient;
    const target = await admin.request('POST', '/api/registry/accounts', {
      email: 'target@kanava.example',
      displayName: 'Target',
      roles: [{ kind: 'expert', providerId: kela }],
    });
    const kuhmo = await point('kuhmo');
    ids = {
      kuhmo,
      puolanka: await point('puolanka'),
      kela,
      kelaService: (await services.listByProvider(kela)).find((s) => s.code === 'housing-allowance')?.id ?? '',
      veroService: (await services.listByProvider(vero)).find((s) => s.code === 'tax-card')?.id ?? '',
      agreement: (await agreements.list({ pointId: ServicePointIdSchema.parse(kuhmo) }))[0]?.id ?? '',
      target: (target.json as { id: string }).id,
      booking: await bookingMatrixIds(t.kanava, { advisor: clients.get('kuhmoAdvisor') as ApiClient, kelaAdmin: clients.get('kelaAdmin') as ApiClient, roles: [...everyone, 'signedOut'], kuhmo, kela, kelaService: (await services.listByProvider(kela)).find((s) => s.code === 'housing-allowance')?.id ?? '' }),
    };
  });
  afterAll(async () => {
    await t.stop();
  });

  for (const row of matrix) {
    it(`${row.method} ${row.name}`, async () => {
      const expected: Record<string, number> = { signedOut: 401 };
      const actual: Record<string, number> = {};
      for (const w of everyone) expected[w] = row.allowed[w] ?? 403;
      for (const [w, client] of clients) {
        const body = row.body?.(w === 'signedOut' ? 'admin' : w);
        actual[w] = (await client.request(row.method, row.path(ids, w), body, row.contentType)).status;
      }
      expect(actual).toEqual(expected);
    });
  }
});
