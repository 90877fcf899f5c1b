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
import { guidePolicySource } from './policy.ts';
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

function setup() {
  let sample: ((s: SfuEvents['qualitySampled']) => void) | undefined;
  const sfu = {
    on: (event: string, listener: (s: SfuEvents['qualitySampled']) => void) => {
      if (event === 'qualitySampled') sample = listener;
    },
    off: () => undefined,
  } as unknown as SfuService;
  const inCall = new Set<PeerId>([aino, mikko]);
  const rooms: QualityRooms = { live: (id) => (id === roomId ? { pointId, sessionId, inCall: [...inCall] } : undefined) };
  const sent: Array<{ to: string; event: EventName; payload: unknown }> = [];
  const notifier: QualityNotifier = {
    toCall<K extends EventName>(_room: unknown, event: K, payload: EventOf<K>) {
      sent.push({ to: 'call', event, payload });
    },
    toStaffOf<K extends EventName>(_point: unknown, event: K, payload: EventOf<K>) {
      sent.push({ to: 'staff', event, payload });
    },
  };
  const log = pino({ level: 'silent' });
  const incidents = new InMemoryQualityIncidentRepository();
  const prechecks = new PrecheckService({ sfu, policies: guidePolicySource, findPoint: async () => ({ id: pointId }), log });
  const quality = new QualityService({ sfu, rooms, notifier, policies: guidePolicySource, incidents, prechecks, log });
  let at = 1_000_000;
  /** One SFU sample a second: Aino's upload as given, Mikko always fine. */
  const second = async (ainoUpKbps: number) => {
    at += 1000;
    sample?.({ roomId, at, peers: [peer(aino, ainoUpKbps), peer(mikko, 2000)] });
    await new Promise((r) => setTimeout(r, 0));
  };
  return { quality, sent, incidents, inCall, second };
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

  it('never judges the first seconds of media', async () => {
    const { quality, sent, second } = setup();
    for (let k = 0; k < 5; k++) await second(100);
    expect(sent.filter((s) => s.event === 'qualityIncidentOpened')).toEqual([]);
    const last = sent.filter((s) => s.event === 'qualityChanged').at(-1)?.payload;
    expect(last).toMatchObject({ participants: expect.arrayContaining([expect.objectContaining({ peerId: aino, state: 'ok', settling: true })]) });
    quality.close();
  });
});
