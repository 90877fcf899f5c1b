import { describe, expect, it } from 'vitest';
import { pino } from 'pino';
import {
  ConsumerIdSchema,
  PeerIdSchema,
  ProducerIdSchema,
  RoomIdSchema,
  ServicePointIdSchema,
  ServiceSessionIdSchema,
  type EventName,
  type EventOf,
  type PeerId,
} from '@kanava/shared';
import type { SfuEvents, SfuPeerQuality, SfuService } from '@kanava/sfu/api';
import { DEFAULT_QUALITY_POLICY, KanavaError, PointSlugSchema, ServiceIdSchema, type PrecheckSubmission, type QualityPolicy, type ServiceId } from '@kanava/shared';
import { guidePolicySource, type QualityPolicySource } from './policy.ts';
import { PrecheckService } from './PrecheckService.ts';
import { InMemoryQualityIncidentRepository } from './QualityIncidentRepository.ts';
import type { QualityNotifier, QualityRooms } from './QualityRooms.ts';
import { QualityService } from './QualityService.ts';

const roomId = RoomIdSchema.parse('point-kuhmo');
const pointId = ServicePointIdSchema.parse('kuhmo');
const sessionId = ServiceSessionIdSchema.parse('session-1');
const aino = PeerIdSchema.parse('aino');
const mikko = PeerIdSchema.parse('mikko');

/** A participant sending a camera whose link carries `upKbps`, and receiving one video stream cleanly. */
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

interface Setup {
  policies?: QualityPolicySource;
  customers?: PeerId[];
  /** What the SFU measures of the pre-call check's upload. */
  checkUpKbps?: number;
  /** The customers at the point's kiosk (the others joined from home). */
  atKiosk?: PeerId[];
}

function setup({ policies = guidePolicySource, customers = [aino], checkUpKbps = 2000, atKiosk = customers }: Setup = {}) {
  let sample: ((s: SfuEvents['qualitySampled']) => void) | undefined;
  const transport = { id: 't', iceParameters: { usernameFragment: 'u', password: 'p' }, iceCandidates: [], dtlsParameters: { fingerprints: [{ algorithm: 'sha-256', value: 'x' }] } };
  const sfu = {
    on: (event: string, listener: (s: SfuEvents['qualitySampled']) => void) => {
      if (event === 'qualitySampled') sample = listener;
    },
    off: () => undefined,
    openProbe: async () => ({ rtpCapabilities: {}, send: transport, recv: transport }),
    measureProbeUpload: async () => ({ upKbps: checkUpKbps, atCeiling: false, durationMs: 3000 }),
    runProbeDownload: async () => ({ sentKbps: 2500, durationMs: 2000 }),
    closeProbe: async () => undefined,
  } as unknown as SfuService;
  const inCall = new Set<PeerId>([aino, mikko]);
  const live = { sessionId: sessionId as typeof sessionId | null };
  const rooms: QualityRooms = {
    live: (id) =>
      id === roomId
        ? {
            pointId,
            sessionId: live.sessionId,
            sessionStartedAt: live.sessionId ? 1_000_000 : null,
            inCall: [...inCall],
            customersInCall: customers.filter((c) => inCall.has(c)),
            atKiosk: (p) => atKiosk.includes(p),
          }
        : undefined,
  };
  const sent: Array<{ to: string; event: EventName; payload: unknown }> = [];
  const notifier: QualityNotifier = {
    toCall<K extends EventName>(_room: unknown, event: K, payload: EventOf<K>) {
      sent.push({ to: 'call', event, payload });
    },
    toStaffOf<K extends EventName>(_point: unknown, event: K, payload: EventOf<K>) {
      sent.push({ to: 'staff', event, payload });
    },
    toPeer<K extends EventName>(peerId: PeerId, event: K, payload: EventOf<K>) {
      sent.push({ to: `peer:${peerId}`, event, payload });
    },
  };
  const audited: unknown[] = [];
  const log = pino({ level: 'silent' });
  const incidents = new InMemoryQualityIncidentRepository();
  const prechecks = new PrecheckService({ sfu, policies, findPoint: async () => ({ id: pointId }), log });
  const kioskChecks: Array<{ pointId: string; upKbps: number }> = [];
  const quality = new QualityService({
    sfu,
    rooms,
    notifier,
    policies,
    incidents,
    prechecks,
    log,
    audit: async (r) => void audited.push(r),
    kioskChecks: { record: async (p, c) => void kioskChecks.push({ pointId: p, upKbps: c.network.upKbps }) },
  });
  let at = 1_000_000;
  /** One SFU sample a second: Aino's upload as given, Mikko always fine. */
  const second = async (ainoUpKbps: number) => {
    at += 1000;
    sample?.({ roomId, at, peers: [peer(aino, ainoUpKbps), peer(mikko, 2000)] });
    await new Promise((r) => setTimeout(r, 0));
  };
  /** The participant did the check before joining and submits it. */
  const submitCheck = async (peerId: PeerId) => {
    const socket = `socket-${peerId}`;
    const { precheckId } = await prechecks.open(socket, PointSlugSchema.parse('kuhmo'));
    await prechecks.measureUpload(socket, precheckId);
    await prechecks.runDownload(socket, precheckId);
    await prechecks.close(socket, precheckId);
    const submission: PrecheckSubmission = {
      precheckId,
      durationMs: 10,
      camera: { status: 'measured', width: 1280, height: 720, frameRate: 30 },
      microphone: { status: 'measured', peakLevel: 0.3 },
      downKbps: 2000,
      rttMs: 4,
    };
    return quality.submitPrecheck(roomId, peerId, submission);
  };
  return { quality, sent, incidents, inCall, second, live, audited, submitCheck, kioskChecks };
}

describe('quality during the call', () => {
  it('raises an incident for a participant below the minimum, tells the call and the staff, and closes it when they recover', async () => {
    const { quality, sent, second } = setup();
    for (let k = 0; k < 12; k++) await second(200);
    const opened = sent.filter((s) => s.event === 'qualityIncidentOpened');
    expect(opened.map((s) => s.to).sort()).toEqual(['call', 'staff']);
    expect(opened[0]?.payload).toMatchObject({ incident: { peerId: aino, reasons: ['upload'], endedAt: null } });
    const changed = sent.filter((s) => s.event === 'qualityChanged').at(-1)?.payload;
    expect(changed).toMatchObject({ participants: expect.arrayContaining([expect.objectContaining({ peerId: aino, state: 'incident', settling: false })]) });

    for (let k = 0; k < 10; k++) await second(1500);
    const closed = sent.filter((s) => s.event === 'qualityIncidentClosed');
    expect(closed).toHaveLength(2);
    const state = await quality.roomState(roomId);
    expect(state.incidents).toEqual([expect.objectContaining({ peerId: aino, endedAt: expect.any(Number) })]);
    expect(state.incidents[0]?.worst.upKbps).toBeLessThan(269);
    expect(sent.some((s) => s.event === 'qualityIncidentOpened' && (s.payload as { incident: { peerId: string } }).incident.peerId === mikko)).toBe(false);
    quality.close();
  });

  it('ends an open incident when the participant leaves the call, and keeps it with the session', async () => {
    const { quality, sent, incidents, inCall, second } = setup();
    for (let k = 0; k < 12; k++) await second(200);
    inCall.delete(aino);
    await second(200);
    expect(sent.filter((s) => s.event === 'qualityIncidentClosed' && s.to === 'call')).toHaveLength(1);
    expect(await incidents.listFor({ roomId, sessionId })).toEqual([expect.objectContaining({ peerId: aino, endedAt: expect.any(Number) })]);
    quality.close();
  });

  it('keeps the check of the point’s kiosk for the checklist, not that of a customer at home or of staff', async () => {
    const atHome = setup({ atKiosk: [] });
    await atHome.submitCheck(aino);
    await atHome.submitCheck(mikko);
    expect(atHome.kioskChecks).toEqual([]);
    const atPoint = setup({ checkUpKbps: 1200 });
    await atPoint.submitCheck(aino);
    expect(atPoint.kioskChecks).toEqual([{ pointId, upKbps: 1200 }]);
  });

  it('never judges the first seconds of media', async () => {
    const { quality, sent, second } = setup();
    for (let k = 0; k < 5; k++) await second(100);
    expect(sent.filter((s) => s.event === 'qualityIncidentOpened')).toEqual([]);
    const last = sent.filter((s) => s.event === 'qualityChanged').at(-1)?.payload;
    expect(last).toMatchObject({ participants: expect.arrayContaining([expect.objectContaining({ peerId: aino, state: 'ok', settling: true })]) });
    quality.close();
  });
});


const housing = ServiceIdSchema.parse('housing-allowance');
const blocking: QualityPolicy = { ...DEFAULT_QUALITY_POLICY, mode: 'block' };

/** The platform's default warns; the housing allowance service blocks. Aino came for it. */
const perService: QualityPolicySource = {
  async policyFor({ serviceId }) {
    return serviceId === housing ? blocking : DEFAULT_QUALITY_POLICY;
  },
  async serviceOf(peerId: PeerId): Promise<ServiceId | undefined> {
    return peerId === aino ? housing : undefined;
  },
};

describe('block mode and the policy of the customer’s service', () => {
  it('holds a customer below the minimum of their service until staff give a reason, which is recorded', async () => {
    const { quality, sent, audited, submitCheck } = setup({ policies: perService, checkUpKbps: 250 });
    const precheck = await submitCheck(aino);
    expect(precheck.policy.mode).toBe('block');
    expect(precheck.verdict).toMatchObject({ upload: 'belowMinimum', admissible: false });
    expect(quality.isHeld(roomId, aino)).toBe(true);
    expect(() => quality.assertAdmissible(roomId, aino)).toThrow(expect.objectContaining({ code: 'qualityBelowMinimum' }) as KanavaError);

    const override = await quality.override(roomId, aino, { id: undefined, displayName: 'Sanna' }, 'Asiakas haluaa yrittää, neuvoja vieressä');
    expect(override).toMatchObject({ byName: 'Sanna', reason: 'Asiakas haluaa yrittää, neuvoja vieressä' });
    expect(audited).toEqual([expect.objectContaining({ peerId: aino, reason: 'Asiakas haluaa yrittää, neuvoja vieressä', actor: { id: undefined, displayName: 'Sanna' } })]);
    expect(quality.isHeld(roomId, aino)).toBe(false);
    expect(() => quality.assertAdmissible(roomId, aino)).not.toThrow();
    expect(sent.filter((s) => s.event === 'qualityOverridden').map((s) => s.to).sort()).toEqual(['call', 'peer:aino', 'staff']);
    expect((await quality.roomState(roomId)).overrides).toEqual([{ peerId: aino, override }]);
    quality.close();
  });

  it('uses the default for staff and for a customer whose service is not known, and never holds in warn mode', async () => {
    const { quality, submitCheck } = setup({ policies: perService, checkUpKbps: 250 });
    const staffCheck = await submitCheck(mikko);
    expect(staffCheck.policy.mode).toBe('warn');
    expect(staffCheck.verdict).toMatchObject({ upload: 'belowMinimum', admissible: true });
    expect(quality.isHeld(roomId, mikko)).toBe(false);
    await expect(quality.override(roomId, mikko, { id: undefined, displayName: 'Sanna' }, 'ei tarvita')).rejects.toMatchObject({ code: 'invalidState' });
    quality.close();
  });

  it('does not hold a customer whose check meets the minimum in block mode', async () => {
    const { quality, submitCheck } = setup({ policies: perService, checkUpKbps: 1500 });
    expect((await submitCheck(aino)).verdict.admissible).toBe(true);
    expect(quality.isHeld(roomId, aino)).toBe(false);
    quality.close();
  });

  it('judges the call by the policy of the customer’s service: `off` raises no incident', async () => {
    const off: QualityPolicySource = { ...perService, policyFor: async ({ serviceId }) => (serviceId === housing ? { ...DEFAULT_QUALITY_POLICY, mode: 'off' } : DEFAULT_QUALITY_POLICY) };
    const { quality, sent, second } = setup({ policies: off });
    for (let k = 0; k < 14; k++) await second(200);
    expect(sent.filter((s) => s.event === 'qualityIncidentOpened')).toEqual([]);
    expect(await quality.policyOf(roomId)).toMatchObject({ mode: 'off' });
    quality.close();
  });
});

describe('the session’s quality summary', () => {
  it('is written when the session ends: time measured, time below the minimum per direction, worst figures, incidents', async () => {
    const { quality, incidents, second, live } = setup();
    for (let k = 0; k < 10; k++) await second(1500);
    for (let k = 0; k < 10; k++) await second(200);
    live.sessionId = null;
    await second(1500);
    const summary = await incidents.summaryOf(sessionId);
    expect(summary).toBeDefined();
    // Aino's media settles for the first 6 s; everything after that is measured.
    expect(summary?.measuredMs).toBeGreaterThanOrEqual(12_000);
    expect(summary?.measuredMs).toBeLessThanOrEqual(15_000);
    // The 3-second median needs a moment to follow the drop; after that she is below the minimum until the end.
    expect(summary?.belowMinimumMs.upload).toBeGreaterThanOrEqual(7000);
    expect(summary?.belowMinimumMs.upload).toBeLessThanOrEqual(10_000);
    expect(summary?.belowMinimumMs.download).toBe(0);
    expect(summary?.belowMinimumMs.any).toBe(summary?.belowMinimumMs.upload);
    expect(summary?.worst.upKbps).toBeLessThan(269);
    expect(summary?.incidentCount).toBe(1);
    expect(summary?.policy).toEqual(DEFAULT_QUALITY_POLICY);
    // The incident ended with the session and is kept with it.
    expect(await incidents.listFor({ roomId, sessionId })).toEqual([expect.objectContaining({ peerId: aino, endedAt: expect.any(Number) })]);
    quality.close();
  });
});

describe('the end of a session', () => {
  it('ends open incidents and writes the summary at once when told, before any further sample', async () => {
    const { quality, incidents, second, live } = setup();
    for (let k = 0; k < 14; k++) await second(200);
    expect(await incidents.listFor({ roomId, sessionId })).toEqual([expect.objectContaining({ endedAt: null })]);
    live.sessionId = null;
    await quality.sessionEnded(roomId);
    expect(await incidents.listFor({ roomId, sessionId })).toEqual([expect.objectContaining({ endedAt: expect.any(Number) })]);
    expect((await incidents.summaryOf(sessionId))?.incidentCount).toBe(1);
    quality.close();
  });
});
