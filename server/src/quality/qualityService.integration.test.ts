import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import {
  ConsumerIdSchema,
  DEFAULT_QUALITY_POLICY,
  NewPointSchema,
  NewProviderSchema,
  NewServiceSchema,
  PeerIdSchema,
  PointSlugSchema,
  ProducerIdSchema,
  RoomIdSchema,
  ServiceSessionIdSchema,
  type PeerId,
  type ServiceId,
  type ServicePointId,
  type ServiceSessionId,
} from '@kanava/shared';
import type { SfuEvents, SfuPeerQuality, SfuService } from '@kanava/sfu/api';
import { ProviderRepository } from '../db/ProviderRepository.ts';
import { ServicePointRepository } from '../db/ServicePointRepository.ts';
import { ServiceRepository } from '../db/ServiceRepository.ts';
import { dialects, openTestDatabase, type TestDatabase } from '../db/testing/testDatabases.ts';
import { PrecheckService } from './PrecheckService.ts';
import { PLATFORM_SCOPE, QualityPolicyRepository } from './QualityPolicyRepository.ts';
import { dbQualityOptions } from './qualityRecords.ts';
import type { QualityRooms } from './QualityRooms.ts';
import { QualityService } from './QualityService.ts';

const roomId = RoomIdSchema.parse('point-kuhmo');
const aino = PeerIdSchema.parse('aino-peer');
const mikko = PeerIdSchema.parse('mikko-peer');
const t0 = new Date('2026-03-02T08:00:00Z');

/** A camera that arrives at the SFU at `upKbps`; the SFU's view of one participant for one second. */
function peer(peerId: PeerId, upKbps: number): SfuPeerQuality {
  return {
    peerId,
    send: { recvKbps: upKbps, lossPct: 0, producers: [{ producerId: ProducerIdSchema.parse(`cam-${peerId}`), kind: 'video', source: 'camera', paused: false, score: 10, streams: [] }] },
    recv: {
      sendKbps: 800,
      availableOutgoingKbps: 900,
      consumers: [{ consumerId: ConsumerIdSchema.parse(`c-${peerId}`), producerId: ProducerIdSchema.parse('p'), kind: 'video', score: 10, producerScore: 10, spatialLayer: 2, temporalLayer: 2, kbps: 800 }],
    },
    rttMs: 20,
  };
}

describe.each(dialects)('quality service on the records (%s)', (dialect) => {
  let t: TestDatabase;
  let pointId: ServicePointId;
  let serviceId: ServiceId;

  beforeEach(async () => {
    t = await openTestDatabase(dialect);
    pointId = (await new ServicePointRepository(t.db).create(NewPointSchema.parse({ slug: 'kuhmo', nameFi: 'Kuhmo', nameSv: 'Kuhmo', municipality: 'Kuhmo' }), t0)).id;
    const provider = await new ProviderRepository(t.db).create(NewProviderSchema.parse({ code: 'kela', nameFi: 'Kela', nameSv: 'FPA', nameEn: 'Kela' }), t0);
    serviceId = (await new ServiceRepository(t.db).create(provider.id, NewServiceSchema.parse({ code: 'asumistuki', nameFi: 'Asumistuki', nameSv: 'Bostadsbidrag', nameEn: 'Housing allowance' }), t0)).id;
    // The advisor marked Aino arrived for the housing allowance, and the lobby matched her.
    await t.db
      .insertInto('point_arrival')
      .values({ id: 'arrival-1', point_id: pointId, kind: 'walkIn', booking_id: null, provider_id: provider.id, service_id: serviceId, arrived_at: t0.toISOString(), marked_by: null, attached_peer_id: aino, attached_at: t0.toISOString() })
      .execute();
  });
  afterEach(async () => {
    await t.close();
  });

  function start(sessionId: { current: ServiceSessionId | null }) {
    let sample: ((s: SfuEvents['qualitySampled']) => void) | undefined;
    const transport = { id: 't', iceParameters: { usernameFragment: 'u', password: 'p' }, iceCandidates: [], dtlsParameters: { fingerprints: [{ algorithm: 'sha-256', value: 'x' }] } };
    const sfu = {
      on: (event: string, listener: (s: SfuEvents['qualitySampled']) => void) => {
        if (event === 'qualitySampled') sample = listener;
      },
      off: () => undefined,
      openProbe: async () => ({ rtpCapabilities: {}, send: transport, recv: transport }),
      measureProbeUpload: async () => ({ upKbps: 250, atCeiling: false, durationMs: 3000 }),
      runProbeDownload: async () => ({ sentKbps: 2500, durationMs: 2000 }),
      closeProbe: async () => undefined,
    } as unknown as SfuService;
    const rooms: QualityRooms = {
      live: () => ({ pointId, sessionId: sessionId.current, sessionStartedAt: t0.getTime(), inCall: [aino, mikko], customersInCall: [aino] }),
    };
    const notifier = { toCall: () => undefined, toStaffOf: () => undefined, toPeer: () => undefined };
    const log = pino({ level: 'silent' });
    const options = dbQualityOptions(t.db, () => t0);
    const prechecks = new PrecheckService({ sfu, policies: options.policies, findPoint: async () => ({ id: pointId }), log });
    const quality = new QualityService({ sfu, rooms, notifier, prechecks, log, ...options });
    let at = t0.getTime();
    const second = async (ainoUpKbps: number) => {
      at += 1000;
      sample?.({ roomId, at, peers: [peer(aino, ainoUpKbps), peer(mikko, 2000)] });
      await new Promise((r) => setTimeout(r, 20));
    };
    const check = async (peerId: PeerId) => {
      const { precheckId } = await prechecks.open(`s-${peerId}`, PointSlugSchema.parse('kuhmo'));
      await prechecks.measureUpload(`s-${peerId}`, precheckId);
      await prechecks.runDownload(`s-${peerId}`, precheckId);
      return quality.submitPrecheck(roomId, peerId, {
        precheckId,
        durationMs: 10,
        camera: { status: 'measured', width: 1280, height: 720, frameRate: 30 },
        microphone: { status: 'measured', peakLevel: 0.3 },
        downKbps: 2000,
        rttMs: 4,
      });
    };
    return { quality, options, second, check };
  }

  it('judges a matched customer by their service’s policy and records the override in the audit log', async () => {
    const policies = new QualityPolicyRepository(t.db);
    await policies.set(PLATFORM_SCOPE, DEFAULT_QUALITY_POLICY, 'Ylläpitäjä', t0);
    await policies.set(serviceId, { ...DEFAULT_QUALITY_POLICY, mode: 'block' }, 'Kelan pääkäyttäjä', t0);
    const { quality, check } = start({ current: null });
    expect((await check(aino)).verdict).toMatchObject({ upload: 'belowMinimum', admissible: false });
    expect((await check(mikko)).verdict.admissible).toBe(true);
    expect(quality.isHeld(roomId, aino)).toBe(true);
    await quality.override(roomId, aino, { id: undefined, displayName: 'Sanna Neuvoja' }, 'Neuvoja auttaa vieressä');
    const audit = await t.db.selectFrom('audit_log').selectAll().where('action', '=', 'quality.admittedBelowMinimum').execute();
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]?.details ?? '{}')).toMatchObject({ peerId: aino, reason: 'Neuvoja auttaa vieressä', mode: 'block' });
    quality.close();
  });

  it('stores the session’s incidents and its summary when the session ends', async () => {
    const session = { current: ServiceSessionIdSchema.parse('session-1') as ServiceSessionId | null };
    const { quality, options, second } = start(session);
    for (let k = 0; k < 8; k++) await second(1500);
    for (let k = 0; k < 10; k++) await second(150);
    session.current = null;
    await second(1500);
    const sessionId = ServiceSessionIdSchema.parse('session-1');
    const incidents = await options.incidents.listFor({ roomId, sessionId });
    expect(incidents).toEqual([expect.objectContaining({ peerId: aino, reasons: ['upload'], endedAt: expect.any(Number) })]);
    const summary = await options.incidents.summaryOf(sessionId);
    expect(summary).toMatchObject({ sessionId, incidentCount: 1, lowestResolution: null });
    expect(summary?.belowMinimumMs.upload).toBeGreaterThan(5000);
    expect(summary?.measuredMs).toBeGreaterThan(summary?.belowMinimumMs.upload ?? 0);
    quality.close();
  });
});
