import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import {
  NewPointSchema,
  PeerIdSchema,
  QualityIncidentIdSchema,
  RoomIdSchema,
  ServiceSessionIdSchema,
  type ProviderId,
  type ServiceId,
  type ServicePointId,
  type StaffUserId,
} from '@kanava/shared';
import { seedDemoData } from '../db/demoData.ts';
import { dialects, openTestDatabase, type TestDatabase } from '../db/testing/testDatabases.ts';
import { NO_FIGURES } from '../quality/judge.ts';
import { InMemoryQualityIncidentRepository } from '../quality/QualityIncidentRepository.ts';
import { Records } from '../records/Records.ts';
import { ServiceSessionRepository } from '../sessions/ServiceSessionRepository.ts';
import type { EndedSession } from './buildServiceEvent.ts';
import { EventRecorder } from './EventRecorder.ts';
import { ServiceEventRepository } from './ServiceEventRepository.ts';

const log = pino({ level: 'silent' });
const roomId = RoomIdSchema.parse('point-x');
const t0 = Date.parse('2026-03-02T08:00:00.000Z');

describe.each(dialects)('recording the event of an ended session on %s', (dialect) => {
  let t: TestDatabase;
  let incidents: InMemoryQualityIncidentRepository;
  let recorder: EventRecorder;
  let events: ServiceEventRepository;
  let kuhmo: ServicePointId;
  let kela: ProviderId;
  let housing: ServiceId;
  let social: ServiceId;
  let mikko: StaffUserId;

  beforeEach(async () => {
    t = await openTestDatabase(dialect);
    const records = new Records(t.db);
    await seedDemoData(records, log, new Date(t0 - 86_400_000));
    kuhmo = (await records.repos.points.getBySlug(NewPointSchema.shape.slug.parse('kuhmo')))!.id;
    kela = (await records.repos.providers.getByCode('kela'))!.id;
    const services = await records.repos.services.listByProvider(kela);
    housing = services.find((s) => s.code === 'housing-allowance')!.id;
    social = services.find((s) => s.code === 'social-assistance')!.id;
    mikko = (await records.repos.accounts.credentialsByEmail('mikko.expert@kanava.example'))!.id;
    incidents = new InMemoryQualityIncidentRepository();
    recorder = new EventRecorder({ db: t.db, incidents, log });
    events = new ServiceEventRepository(t.db);
  }, 60_000);
  afterEach(async () => {
    await t.close();
  });

  async function ended(id: string, expert: StaffUserId | undefined = mikko): Promise<EndedSession> {
    const sessionId = ServiceSessionIdSchema.parse(id);
    await new ServiceSessionRepository(t.db).started({ id: sessionId, pointId: kuhmo, admittedByName: 'Mikko', admittedByAccountId: expert, startedAt: new Date(t0) });
    return {
      id: sessionId,
      pointId: kuhmo,
      admittedAt: new Date(t0),
      endedAt: new Date(t0 + 600_000),
      expert: { accountId: expert, name: 'Mikko' },
      participants: [{ peerId: PeerIdSchema.parse('aino'), role: 'customer', displayName: 'Aino', staffUserId: undefined }],
      lobbyWaitMs: 42_000,
    };
  }

  it('takes provider, service and booking from the arrival the customer was matched to', async () => {
    const session = await ended('s-walk-in');
    await t.db
      .insertInto('point_arrival')
      .values({ id: 'arr-1', point_id: kuhmo, kind: 'walkIn', booking_id: null, provider_id: kela, service_id: social, arrived_at: new Date(t0 - 120_000).toISOString(), marked_by: null, attached_peer_id: 'aino', attached_at: new Date(t0 - 60_000).toISOString() })
      .execute();
    await recorder.sessionEnded(roomId, session, ['aino']);
    const e = await events.get(session.id);
    expect(e).toMatchObject({ provider: { id: kela }, service: { id: social }, bookingId: null, lobbyWaitS: 42, durationS: 600, classification: null });
  });

  it('takes the service of a form filed in the session when there was no arrival, and keeps the form’s receipt and hash', async () => {
    const session = await ended('s-form');
    const at = new Date(t0 + 120_000).toISOString();
    await t.db.insertInto('form_template').values({ id: 'tpl-1', service_id: housing, name: JSON.stringify({ fi: 'AT 1', sv: 'AT 1', en: 'AT 1' }), fields: '[]', pdf_base64: null, pdf_file_name: null, pdf_field_names: null, created_at: at, updated_at: at }).execute();
    await t.db
      .insertInto('form_instance')
      .values({ id: 'form-1', session_id: session.id, template_id: 'tpl-1', template: JSON.stringify({ name: { fi: 'AT 1', sv: 'AT 1', en: 'AT 1' }, fields: [] }), service_name: JSON.stringify({ fi: 'Asumistuki', sv: '', en: '' }), state: 'submitted', ydoc_state: '', opened_at: at, updated_at: at })
      .execute();
    await t.db
      .insertInto('submitted_matter')
      .values({ id: 'm-1', form_instance_id: 'form-1', session_id: session.id, receipt_number: 'KAN-123', submitted_at: at, submitted_by_name: 'Mikko', values_json: '{}', pdf_base64: '', sha256: 'ab'.repeat(32) })
      .execute();
    await recorder.sessionEnded(roomId, session, ['aino']);
    expect(await events.get(session.id)).toMatchObject({ provider: { id: kela }, service: { id: housing }, forms: [{ receiptNumber: 'KAN-123', sha256: 'ab'.repeat(32), formName: 'AT 1' }] });
  });

  it('knows only the provider when the expert serves one and nothing else tells the service', async () => {
    const session = await ended('s-expert');
    await recorder.sessionEnded(roomId, session, ['aino']);
    expect(await events.get(session.id)).toMatchObject({ provider: { id: kela }, service: null });
  });

  it('summarises the session’s own quality incidents from the quality repository, and writes once', async () => {
    const session = await ended('s-quality');
    const incident = (id: string, from: number, to: number) => ({ incidentId: QualityIncidentIdSchema.parse(id), peerId: PeerIdSchema.parse('aino'), startedAt: t0 + from, endedAt: t0 + to, reasons: ['upload' as const], worst: NO_FIGURES });
    await incidents.save({ roomId, sessionId: session.id }, incident('mine', 60_000, 120_000));
    await incidents.save({ roomId, sessionId: ServiceSessionIdSchema.parse('someone-else') }, incident('theirs', 0, 600_000));
    await recorder.sessionEnded(roomId, session, ['aino']);
    await recorder.sessionEnded(roomId, { ...session, endedAt: new Date(t0 + 900_000) }, ['aino']);
    const e = await events.get(session.id);
    expect(e?.quality).toMatchObject({ belowMinimumMs: 60_000, incidents: [{ role: 'customer', reasons: ['upload'] }] });
    expect(e?.quality.shareAboveMinimum).toBeCloseTo(0.9);
    expect(e?.durationS).toBe(600);
  });
});
