import { parse as parseCsv } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  NewPointSchema,
  PeerIdSchema,
  QualityIncidentIdSchema,
  ServicePointIdSchema,
  ServiceSessionIdSchema,
  billingCsvColumns,
  reportCsvColumns,
  type MonthlyReport,
  type QualityIncident,
  type ProviderId,
  type ServiceEvent,
  type ServiceEventDetail,
  type ServiceId,
  type ServicePointId,
  type StaffUserId,
} from '@kanava/shared';
import { DEMO_PASSWORD } from '../db/demoContent.ts';
import { dialects } from '../db/testing/testDatabases.ts';
import { ApiClient } from '../http/routes/testing/apiClient.ts';
import { startTestKanava, type TestKanava } from '../http/routes/testing/testKanava.ts';
import { ServiceSessionRepository } from '../sessions/ServiceSessionRepository.ts';
import { SurveyRepository } from '../survey/SurveyRepository.ts';
import { NO_FIGURES } from '../quality/judge.ts';
import { buildServiceEvent } from './buildServiceEvent.ts';
import { sweepRetention } from './eventRetention.ts';
import { seedDemoEvents } from './demoEvents.ts';
import { pino } from 'pino';
import { ServiceEventRepository } from './ServiceEventRepository.ts';

const who = {
  admin: 'admin@kanava.example',
  kelaAdmin: 'kela.admin@kanava.example',
  veroAdmin: 'vero.admin@kanava.example',
  mikko: 'mikko.expert@kanava.example',
  ella: 'ella.expert@kanava.example',
  sanna: 'sanna.advisor@kanava.example',
  pekka: 'pekka.advisor@kanava.example',
} as const;
type Who = keyof typeof who;

const isoMonth = (at: Date) => at.toISOString().slice(0, 7);

/** A month no demo data reaches, so the counts are the test's own. */
const MONTH = '2031-05';

describe.each(dialects)('service events, classification, reports and billing on %s', (dialect) => {
  let t: TestKanava;
  const as = new Map<Who, ApiClient>();
  let kuhmo: ServicePointId;
  let kela: ProviderId;
  let vero: ProviderId;
  let housing: ServiceId;
  let taxCard: ServiceId;
  let mikko: StaffUserId;
  let kelaEventId: string;

  const client = (w: Who) => {
    const c = as.get(w);
    if (!c) throw new Error(`no client ${w}`);
    return c;
  };

  async function event(o: { id: string; providerId: ProviderId | null; serviceId: ServiceId | null; at: string; durationS: number; waitS: number; incidentS?: number; expert?: StaffUserId }) {
    const db = t.kanava.db;
    const id = ServiceSessionIdSchema.parse(o.id);
    const admittedAt = new Date(o.at);
    await new ServiceSessionRepository(db).started({ id, pointId: kuhmo, admittedByName: 'Mikko', admittedByAccountId: o.expert ?? mikko, startedAt: admittedAt });
    const endedAt = new Date(admittedAt.getTime() + o.durationS * 1000);
    const incidents: QualityIncident[] = o.incidentS
      ? [
          {
            incidentId: QualityIncidentIdSchema.parse(`${o.id}-i`),
            peerId: PeerIdSchema.parse('customer'),
            startedAt: admittedAt.getTime() + 10_000,
            endedAt: admittedAt.getTime() + 10_000 + o.incidentS * 1000,
            reasons: ['upload'],
            worst: NO_FIGURES,
          },
        ]
      : [];
    const built = buildServiceEvent({
      session: { id, pointId: kuhmo, admittedAt, endedAt, expert: { accountId: o.expert ?? mikko, name: 'Mikko' }, participants: [], lobbyWaitMs: o.waitS * 1000 },
      placement: { providerId: o.providerId, serviceId: o.serviceId, bookingId: null },
      incidents,
      forms: [{ receiptNumber: 'KV-1', formName: 'AT 1', submittedAt: new Date(admittedAt.getTime() + 60_000).toISOString(), sha256: 'c'.repeat(64) }],
    });
    expect(await new ServiceEventRepository(db).insert(built, endedAt)).toBe(true);
    return id;
  }

  beforeAll(async () => {
    t = await startTestKanava(dialect);
    for (const w of Object.keys(who) as Who[]) {
      const c = new ApiClient(t.kanava.url);
      expect(await c.signIn(who[w], DEMO_PASSWORD)).toBe(200);
      as.set(w, c);
    }
    const { points, providers, services, accounts } = t.kanava.records.repos;
    kuhmo = ServicePointIdSchema.parse((await points.getBySlug(NewPointSchema.shape.slug.parse('kuhmo')))?.id);
    kela = (await providers.getByCode('kela'))!.id;
    vero = (await providers.getByCode('vero'))!.id;
    housing = (await services.listByProvider(kela)).find((s) => s.code === 'housing-allowance')!.id;
    taxCard = (await services.listByProvider(vero)).find((s) => s.code === 'tax-card')!.id;
    mikko = (await accounts.credentialsByEmail(who.mikko))!.id;

    kelaEventId = await event({ id: 'ev-kela-1', providerId: kela, serviceId: housing, at: '2031-05-05T07:00:00.000Z', durationS: 600, waitS: 30, incidentS: 60 });
    await event({ id: 'ev-kela-2', providerId: kela, serviceId: null, at: '2031-05-06T07:00:00.000Z', durationS: 300, waitS: 90 });
    await event({ id: 'ev-vero-1', providerId: vero, serviceId: taxCard, at: '2031-05-07T07:00:00.000Z', durationS: 900, waitS: 200 });
    // 23:30 on 30 April in Helsinki (20:30 UTC): April's event.
    await event({ id: 'ev-kela-april', providerId: kela, serviceId: housing, at: '2031-04-30T20:30:00.000Z', durationS: 120, waitS: 5 });

    const surveys = new SurveyRepository(t.kanava.db);
    const invitation = surveys.newInvitation(ServiceSessionIdSchema.parse(kelaEventId), new Date());
    await invitation.stored;
    expect(await surveys.answer({ token: invitation.token, serviceRating: 5, connectionRating: 3, comment: 'Kiitos' }, new Date())).toBe('recorded');

    // A booked customer who did not come, in May, at Kuhmo, for Kela.
    await t.kanava.db
      .insertInto('booking')
      .values({
        id: 'noshow-1', ical_uid: 'noshow-1@kanava', sequence: 0, point_id: kuhmo, provider_id: kela, service_id: housing, expert_id: mikko,
        starts_at: '2031-05-08T07:00:00.000Z', ends_at: '2031-05-08T07:30:00.000Z', buffer_minutes: 0, state: 'noShow', held_until: null,
        customer_name: 'Aino Asiakas', customer_contact: null, customer_note: null, booked_by: null, cancel_reason: null,
        rescheduled_from: null, rescheduled_to: null, created_at: '2031-05-01T07:00:00.000Z', updated_at: '2031-05-08T07:40:00.000Z',
      })
      .execute();
  }, 60_000);

  afterAll(async () => {
    await t?.stop();
  });

  it('answers nothing to someone signed out', async () => {
    const anyone = new ApiClient(t.kanava.url);
    const paths: [string, string][] = [
      ['GET', `/api/service-events/${kelaEventId}`],
      ['PUT', `/api/service-events/${kelaEventId}/classification`],
      ['PUT', `/api/service-events/${kelaEventId}/connection-rating`],
      ['GET', `/api/points/${kuhmo}/service-events`],
      ['GET', `/api/reports/monthly?month=${MONTH}`],
      ['GET', `/api/reports/monthly.csv?month=${MONTH}`],
      ['GET', `/api/reports/billing.csv?month=${MONTH}&providerId=${kela}`],
      ['GET', `/api/reports/pilot?pointId=${kuhmo}`],
    ];
    for (const [method, path] of paths) expect([method, path, (await anyone.request(method, path, {})).status]).toEqual([method, path, 401]);
  });

  it('shows the event to its expert with the service’s classifications to pick from', async () => {
    const r = await client('mikko').request('GET', `/api/service-events/${kelaEventId}`);
    expect(r.status).toBe(200);
    const d = r.json as ServiceEventDetail;
    expect(d.mayClassify).toBe(true);
    expect(d.mayRate).toBe(true);
    expect(d.event).toMatchObject({ durationS: 600, lobbyWaitS: 30, classification: null, forms: [{ receiptNumber: 'KV-1', sha256: 'c'.repeat(64) }] });
    expect(d.event.quality.shareAboveMinimum).toBeCloseTo(0.9);
    expect(d.choices.map((c) => c.service.id)).toContain(housing);
    expect(d.choices.every((c) => c.service.providerId === kela)).toBe(true);
  });

  it('refuses the event to another provider’s expert and another point’s advisor', async () => {
    expect((await client('ella').request('GET', `/api/service-events/${kelaEventId}`)).status).toBe(403);
    expect((await client('pekka').request('GET', `/api/service-events/${kelaEventId}`)).status).toBe(403);
  });

  it('classifies from the service’s list only, and audits each change with before and after', async () => {
    const bad = await client('mikko').request('PUT', `/api/service-events/${kelaEventId}/classification`, { serviceId: housing, code: 'no-such-code' });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.json)).toContain('code');
    const other = await client('mikko').request('PUT', `/api/service-events/${kelaEventId}/classification`, { serviceId: taxCard, code: 'advice' });
    expect(other.status).toBe(400);

    const first = await client('mikko').request('PUT', `/api/service-events/${kelaEventId}/classification`, { serviceId: housing, code: 'advice', note: 'Ensin neuvontaa' });
    expect(first.status).toBe(200);
    const second = await client('sanna').request('PUT', `/api/service-events/${kelaEventId}/classification`, { serviceId: housing, code: 'remote-service', note: '' });
    expect(second.status).toBe(200);
    expect((second.json as ServiceEvent).classification).toMatchObject({ code: 'remote-service', nameEn: 'Remote service', by: 'Sanna Neuvoja (Kuhmo)' });

    const audit = await client('admin').request('GET', `/api/registry/audit?entity=serviceEvent&entityId=${kelaEventId}`);
    expect(audit.status).toBe(200);
    const entries = audit.json as { action: string; details: { from: unknown; to: unknown } }[];
    expect(entries.map((e) => e.action).sort()).toEqual(['serviceEvent.classified', 'serviceEvent.reclassified']);
    const re = entries.find((e) => e.action === 'serviceEvent.reclassified');
    expect(re?.details).toEqual({ from: { serviceId: housing, code: 'advice', note: 'Ensin neuvontaa' }, to: { serviceId: housing, code: 'remote-service', note: '' } });
  });

  it('keeps the rest of a closed event as it was written', async () => {
    const before = (await new ServiceEventRepository(t.kanava.db).get(ServiceSessionIdSchema.parse(kelaEventId)))!;
    await client('mikko').request('PUT', `/api/service-events/${kelaEventId}/classification`, { serviceId: housing, code: 'remote-service', note: 'x', durationS: 1, admittedAt: '2000-01-01T00:00:00.000Z' });
    const after = (await new ServiceEventRepository(t.kanava.db).get(ServiceSessionIdSchema.parse(kelaEventId)))!;
    expect({ ...after, classification: null }).toEqual({ ...before, classification: null });
  });

  it('stores the staff’s connection ratings on the event, one per person', async () => {
    expect((await client('sanna').request('PUT', `/api/service-events/${kelaEventId}/connection-rating`, { rating: 2 })).status).toBe(200);
    const r = await client('sanna').request('PUT', `/api/service-events/${kelaEventId}/connection-rating`, { rating: 4 });
    expect((r.json as ServiceEvent).staffRatings).toMatchObject([{ role: 'advisor', rating: 4 }]);
    expect((await client('sanna').request('PUT', `/api/service-events/${kelaEventId}/connection-rating`, { rating: 6 })).status).toBe(400);
    expect((await client('kelaAdmin').request('PUT', `/api/service-events/${kelaEventId}/connection-rating`, { rating: 3 })).status).toBe(403);
  });

  it('lists the day’s events for the point’s advisor, unclassified ones without classification', async () => {
    const r = await client('sanna').request('GET', `/api/points/${kuhmo}/service-events?date=2031-05-06`);
    expect(r.status).toBe(200);
    expect((r.json as { events: ServiceEvent[] }).events.map((e) => [e.id, e.classification])).toEqual([['ev-kela-2', null]]);
    expect((await client('pekka').request('GET', `/api/points/${kuhmo}/service-events?date=2031-05-06`)).status).toBe(403);
  });

  it('reports the month to a provider admin with only their provider’s figures', async () => {
    const r = await client('kelaAdmin').request('GET', `/api/reports/monthly?month=${MONTH}`);
    expect(r.status).toBe(200);
    const report = r.json as MonthlyReport;
    expect(report.total).toMatchObject({
      events: 2,
      byClassification: { 'remote-service': 1 },
      unclassified: 1,
      totalDurationS: 900,
      noShows: 1,
      lobbyWaitP50S: 30,
      lobbyWaitP90S: 90,
      surveyAnswers: 1,
      surveyServiceAverage: 5,
      surveyConnectionAverage: 3,
      staffConnectionAverage: 4,
    });
    expect(report.total.qualityShare).toBeCloseTo(840 / 900, 3);
    expect(report.byProvider.map((p) => p.key)).toEqual([kela]);
    expect(JSON.stringify(report)).not.toContain('Aino');

    const vero = (await client('veroAdmin').request('GET', `/api/reports/monthly?month=${MONTH}`)).json as MonthlyReport;
    expect(vero.total.events).toBe(1);
    expect(vero.byProvider.map((p) => p.nameFi)).toEqual(['Verohallinto']);
    expect((await client('veroAdmin').request('GET', `/api/reports/monthly?month=${MONTH}&providerId=${kela}`)).status).toBe(403);
    expect((await client('mikko').request('GET', `/api/reports/monthly?month=${MONTH}`)).status).toBe(403);
    expect((await client('admin').request('GET', `/api/reports/monthly?month=${MONTH}`)).json).toMatchObject({ total: { events: 3 } });
    expect((await client('admin').request('GET', `/api/reports/monthly?month=2031-13`)).status).toBe(400);
  });

  it('exports the billing CSV in the documented columns, one row per event of the provider', async () => {
    const r = await client('kelaAdmin').request('GET', `/api/reports/billing.csv?month=${MONTH}`);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toContain('text/csv');
    const rows = parseCsv(String(r.json), { columns: true }) as Record<string, string>[];
    expect(Object.keys(rows[0] ?? {})).toEqual([...billingCsvColumns]);
    expect(rows.map((x) => [x.event_id, x.provider_code, x.point_slug, x.service_code, x.classification_code, x.classification_name, x.duration_seconds, x.duration_minutes, x.date])).toEqual([
      ['ev-kela-1', 'kela', 'kuhmo', 'housing-allowance', 'remote-service', 'Etäpalvelu', '600', '10', '2031-05-05'],
      ['ev-kela-2', 'kela', 'kuhmo', '', '', '', '300', '5', '2031-05-06'],
    ]);
    expect((await client('admin').request('GET', `/api/reports/billing.csv?month=${MONTH}`)).status).toBe(400);
    expect((await client('veroAdmin').request('GET', `/api/reports/billing.csv?month=${MONTH}&providerId=${kela}`)).status).toBe(403);
  });

  it('exports the monthly report CSV with its fixed columns and one per classification', async () => {
    const r = await client('admin').request('GET', `/api/reports/monthly.csv?month=${MONTH}`);
    const [header, ...rows] = parseCsv(String(r.json)) as string[][];
    expect(header?.slice(0, reportCsvColumns.length)).toEqual([...reportCsvColumns]);
    expect(header).toContain('classification_remote-service');
    expect(rows[0]?.slice(0, 5)).toEqual([MONTH, 'total', '', '', '3']);
  });

  it('shows a point’s first weeks after go-live', async () => {
    const r = await client('admin').request('GET', `/api/reports/pilot?pointId=${kuhmo}&weeks=2`);
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ point: { id: kuhmo }, byWeek: [{}, {}] });
    expect((r.json as { goLiveAt: string | null }).goLiveAt).not.toBeNull();
  });

  it('has demo events of past months for the reports, written once', async () => {
    const lastMonth = isoMonth(new Date(Date.now() - 35 * 24 * 3_600_000));
    const report = (await client('admin').request('GET', `/api/reports/monthly?month=${lastMonth}`)).json as MonthlyReport;
    expect(report.total.events).toBeGreaterThan(5);
    expect(report.byPoint.length).toBeGreaterThan(1);
    const count = async () => Number((await t.kanava.db.selectFrom('service_event').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    const before = await count();
    await seedDemoEvents(t.kanava.db, pino({ level: 'silent' }), new Date());
    expect(await count()).toBe(before);
  });

  it('deletes events and survey comments after their retention periods', async () => {
    const events = new ServiceEventRepository(t.kanava.db);
    // Events older than 19 days on 20 May 2031: April's (and the demo history); the comment was written long before.
    const result = await sweepRetention(t.kanava.db, { eventDays: 19, surveyCommentDays: 7 }, new Date('2031-05-20T00:00:00.000Z'));
    expect(result.surveyComments).toBe(1);
    expect(result.events).toBeGreaterThanOrEqual(1);
    expect(await events.get(ServiceSessionIdSchema.parse('ev-kela-april'))).toBeUndefined();
    expect(await events.get(ServiceSessionIdSchema.parse(kelaEventId))).toBeDefined();
    expect(await events.get(ServiceSessionIdSchema.parse('ev-vero-1'))).toBeDefined();
    const answers = await new SurveyRepository(t.kanava.db).answersOf(ServiceSessionIdSchema.parse(kelaEventId));
    expect(answers.map((a) => [a.comment, a.service_rating])).toEqual([[null, 5]]);
  });
});
