import { describe, expect, it } from 'vitest';
import {
  PeerIdSchema,
  QualityIncidentIdSchema,
  ServicePointIdSchema,
  ServiceSessionIdSchema,
  StaffUserIdSchema,
  type QualityIncident,
} from '@kanava/shared';
import { NO_FIGURES } from '../quality/judge.ts';
import { buildServiceEvent, qualityOf, type EndedSession } from './buildServiceEvent.ts';

const t0 = Date.parse('2026-03-02T08:00:00.000Z');
const customer = PeerIdSchema.parse('customer-1');
const expertPeer = PeerIdSchema.parse('expert-1');
const advisorPeer = PeerIdSchema.parse('advisor-1');
const advisorAgain = PeerIdSchema.parse('advisor-2');
const sanna = StaffUserIdSchema.parse('sanna');

const worst = NO_FIGURES;

function incident(peerId: string, fromS: number, toS: number | null): QualityIncident {
  return {
    incidentId: QualityIncidentIdSchema.parse(`i-${peerId}-${fromS}`),
    peerId: PeerIdSchema.parse(peerId),
    startedAt: t0 + fromS * 1000,
    endedAt: toS === null ? null : t0 + toS * 1000,
    reasons: ['upload'],
    worst,
  };
}

const session: EndedSession = {
  id: ServiceSessionIdSchema.parse('s-1'),
  pointId: ServicePointIdSchema.parse('kuhmo'),
  admittedAt: new Date(t0),
  endedAt: new Date(t0 + 600_000),
  expert: { accountId: StaffUserIdSchema.parse('mikko'), name: 'Mikko' },
  participants: [
    { peerId: expertPeer, role: 'expert', displayName: 'Mikko', staffUserId: StaffUserIdSchema.parse('mikko') },
    { peerId: customer, role: 'customer', displayName: 'Asiakas', staffUserId: undefined },
    { peerId: advisorPeer, role: 'advisor', displayName: 'Sanna', staffUserId: sanna },
    { peerId: advisorAgain, role: 'advisor', displayName: 'Sanna', staffUserId: sanna },
  ],
  lobbyWaitMs: 95_400,
};

describe('the service event of an ended session', () => {
  it('records duration, lobby wait, expert and each advisor once, and never the customer', () => {
    const e = buildServiceEvent({ session, placement: { providerId: null, serviceId: null, bookingId: null }, incidents: [], forms: [] });
    expect(e.durationS).toBe(600);
    expect(e.lobbyWaitS).toBe(95);
    expect(e.expert).toEqual({ accountId: 'mikko', name: 'Mikko' });
    expect(e.advisors).toEqual([{ accountId: 'sanna', name: 'Sanna' }]);
    expect(JSON.stringify(e)).not.toContain('Asiakas');
    expect(e.quality).toEqual({ belowMinimumMs: 0, shareAboveMinimum: 1, incidents: [] });
  });

  it('keeps the placement it was given and the forms in submission order', () => {
    const forms = [
      { receiptNumber: 'B', formName: 'AT 1', submittedAt: '2026-03-02T08:05:00.000Z', sha256: 'b'.repeat(64) },
      { receiptNumber: 'A', formName: 'AT 1', submittedAt: '2026-03-02T08:03:00.000Z', sha256: 'a'.repeat(64) },
    ];
    const placement = { providerId: null, serviceId: null, bookingId: null };
    const e = buildServiceEvent({ session, placement, incidents: [], forms });
    expect(e.forms.map((f) => f.receiptNumber)).toEqual(['A', 'B']);
  });

  it('has no lobby wait when none is known', () => {
    const e = buildServiceEvent({ session: { ...session, lobbyWaitMs: undefined }, placement: { providerId: null, serviceId: null, bookingId: null }, incidents: [], forms: [] });
    expect(e.lobbyWaitS).toBeNull();
  });
});

describe('share of call time above the minimum', () => {
  const roleOf = (peerId: string) => (peerId === 'customer-1' ? ('customer' as const) : undefined);

  it('takes incident time from call time', () => {
    const q = qualityOf([incident('customer-1', 60, 120)], t0, t0 + 600_000, roleOf);
    expect(q.belowMinimumMs).toBe(60_000);
    expect(q.shareAboveMinimum).toBeCloseTo(0.9);
    expect(q.incidents).toEqual([{ role: 'customer', startedAt: '2026-03-02T08:01:00.000Z', endedAt: '2026-03-02T08:02:00.000Z', reasons: ['upload'] }]);
  });

  it('counts overlapping incidents of two people once', () => {
    const q = qualityOf([incident('customer-1', 60, 180), incident('expert-1', 120, 240)], t0, t0 + 600_000, roleOf);
    expect(q.belowMinimumMs).toBe(180_000);
    expect(q.shareAboveMinimum).toBeCloseTo(0.7);
    expect(q.incidents.map((i) => i.role)).toEqual(['customer', 'unknown']);
  });

  it('clips incidents to the call and counts one still open up to the end', () => {
    const q = qualityOf([incident('customer-1', -30, 30), incident('customer-1', 540, null), incident('customer-1', 700, 710)], t0, t0 + 600_000, roleOf);
    expect(q.belowMinimumMs).toBe(30_000 + 60_000);
    expect(q.incidents).toHaveLength(2);
    expect(q.incidents[1]?.endedAt).toBeNull();
  });

  it('is 1 for a call of no length', () => {
    expect(qualityOf([], t0, t0, roleOf).shareAboveMinimum).toBe(1);
  });
});
