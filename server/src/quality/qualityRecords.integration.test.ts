import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  DEFAULT_QUALITY_POLICY,
  PeerIdSchema,
  QualityIncidentIdSchema,
  RoomIdSchema,
  ServiceIdSchema,
  ServicePointIdSchema,
  ServiceSessionIdSchema,
  type QualityIncident,
  type QualitySessionSummary,
} from '@kanava/shared';
import { dialects, openTestDatabase, type TestDatabase } from '../db/testing/testDatabases.ts';
import { DbQualityIncidentRepository } from './QualityIncidentRepository.ts';
import { DbQualityPolicySource, PLATFORM_SCOPE, QualityPolicyRepository } from './QualityPolicyRepository.ts';
import { NO_FIGURES } from './judge.ts';

const roomId = RoomIdSchema.parse('point-kuhmo');
const s1 = ServiceSessionIdSchema.parse('session-1');
const s2 = ServiceSessionIdSchema.parse('session-2');
const aino = PeerIdSchema.parse('aino');

function incident(id: string, startedAt: number, endedAt: number | null = null): QualityIncident {
  return {
    incidentId: QualityIncidentIdSchema.parse(id),
    peerId: aino,
    startedAt,
    endedAt,
    reasons: ['upload'],
    worst: { ...NO_FIGURES, upKbps: 180, camera: { width: 640, height: 360, frameRate: 24.5 }, rttMs: 48 },
  };
}

describe.each(dialects)('quality records on %s', (dialect) => {
  let t: TestDatabase;
  beforeEach(async () => {
    t = await openTestDatabase(dialect);
  });
  afterEach(async () => {
    await t.close();
  });

  it('keeps incidents per service session, updated as they change, in order', async () => {
    const repo = new DbQualityIncidentRepository(t.db);
    await repo.save({ roomId, sessionId: s1 }, incident('i2', 1_700_000_005_123));
    await repo.save({ roomId, sessionId: s1 }, incident('i1', 1_700_000_000_001));
    await repo.save({ roomId, sessionId: s2 }, incident('i3', 1_700_000_009_000));
    await repo.save({ roomId, sessionId: null }, incident('i4', 1_700_000_009_500));
    // Closed later: the same incident, now with its end and worse values.
    const closed = { ...incident('i2', 1_700_000_005_123, 1_700_000_015_777), reasons: ['upload' as const, 'download' as const] };
    await repo.save({ roomId, sessionId: s1 }, closed);

    expect((await repo.listFor({ roomId, sessionId: s1 })).map((i) => i.incidentId)).toEqual(['i1', 'i2']);
    expect(await repo.get(QualityIncidentIdSchema.parse('i2'))).toEqual(closed);
    expect((await repo.listFor({ roomId, sessionId: null })).map((i) => i.incidentId)).toEqual(['i4']);
    expect(await repo.listFor({ roomId: RoomIdSchema.parse('point-inari'), sessionId: s1 })).toEqual([]);
    expect(await repo.get(QualityIncidentIdSchema.parse('nope'))).toBeUndefined();
  });

  it('stores a session’s summary and gives it back as written', async () => {
    const repo = new DbQualityIncidentRepository(t.db);
    const summary: QualitySessionSummary = {
      sessionId: s1,
      startedAt: 1_700_000_000_000,
      endedAt: 1_700_000_600_000,
      measuredMs: 590_000,
      belowMinimumMs: { upload: 12_000, download: 3000, camera: 0, any: 14_000 },
      worst: { ...NO_FIGURES, upKbps: 180, downKbps: 240, rttMs: 80, recvScore: 4 },
      lowestResolution: { width: 640, height: 360 },
      incidentCount: 2,
      policy: { ...DEFAULT_QUALITY_POLICY, mode: 'block' },
      overrides: [{ peerId: aino, byName: 'Sanna Neuvoja', reason: 'Neuvoja auttaa vieressä', at: 1_699_999_990_000 }],
    };
    await repo.saveSummary(roomId, summary);
    expect(await repo.summaryOf(s1)).toEqual(summary);
    await repo.saveSummary(roomId, { ...summary, incidentCount: 3 });
    expect((await repo.summaryOf(s1))?.incidentCount).toBe(3);
    expect(await repo.summaryOf(s2)).toBeUndefined();
  });

  it('applies the service’s own policy, else the platform’s default, else the guide’s values', async () => {
    const policies = new QualityPolicyRepository(t.db);
    const source = new DbQualityPolicySource(t.db);
    const serviceId = ServiceIdSchema.parse('housing-allowance');
    const pointId = ServicePointIdSchema.parse('kuhmo');

    expect(await policies.effective(serviceId)).toEqual({ policy: DEFAULT_QUALITY_POLICY, source: 'guide', updatedAt: null, updatedBy: null });
    const platform = { ...DEFAULT_QUALITY_POLICY, mode: 'block' as const };
    await policies.set(PLATFORM_SCOPE, platform, 'Ylläpitäjä', new Date('2026-03-01T10:00:00Z'));
    expect(await source.policyFor({ pointId, serviceId })).toEqual(platform);
    const own = { mode: 'warn' as const, network: { minUpKbps: 500, recommendedUpKbps: 1000, minDownKbps: 400, recommendedDownKbps: 900 }, camera: { minWidth: 640, minHeight: 360, minFrameRate: 25 } };
    await policies.set(serviceId, own, 'Kelan pääkäyttäjä', new Date('2026-03-02T10:00:00Z'));
    expect(await policies.effective(serviceId)).toEqual({ policy: own, source: 'service', updatedAt: '2026-03-02T10:00:00.000Z', updatedBy: 'Kelan pääkäyttäjä' });
    expect(await source.policyFor({ pointId })).toEqual(platform);
    expect(await policies.remove(serviceId)).toBe(true);
    expect(await policies.remove(serviceId)).toBe(false);
    expect((await policies.effective(serviceId)).source).toBe('platform');
  });

  it('finds no service for a customer who was not matched to an arrival', async () => {
    expect(await new DbQualityPolicySource(t.db).serviceOf(aino)).toBeUndefined();
  });
});
