import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ServicePointIdSchema } from '@kanava/shared';
import { DEMO_PASSWORD } from '../../db/demoContent.ts';
import { dialects } from '../../db/testing/testDatabases.ts';
import { ApiClient } from './testing/apiClient.ts';
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
}

interface Row {
  name: string;
  method: 'GET' | 'POST' | 'PATCH' | 'PUT';
  path: (ids: Ids) => string;
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
        actual[w] = (await client.request(row.method, row.path(ids), body, row.contentType)).status;
      }
      expect(actual).toEqual(expected);
    });
  }
});
