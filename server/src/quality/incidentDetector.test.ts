import { describe, expect, it } from 'vitest';
import { PeerIdSchema, QualityIncidentIdSchema, type QualityReason } from '@kanava/shared';
import { INITIAL_STATE, finish, step, type DetectorEvent, type DetectorState } from './incidentDetector.ts';
import { NO_FIGURES } from './judge.ts';

const peerId = PeerIdSchema.parse('aino');
let ids = 0;
const ctx = { peerId, timings: { incidentAfterMs: 3000, closeAfterMs: 5000 }, newIncidentId: () => QualityIncidentIdSchema.parse(`i${++ids}`) };

/** Feeds one sample a second: the reasons below the minimum at each second (empty: fine). */
function run(perSecond: QualityReason[][], upKbps: (k: number) => number | null = () => null) {
  let state: DetectorState = INITIAL_STATE;
  const events: Array<DetectorEvent & { at: number }> = [];
  const kinds: string[] = [];
  perSecond.forEach((reasons, k) => {
    const next = step(state, { at: k * 1000, reasons, figures: { ...NO_FIGURES, upKbps: upKbps(k) } }, ctx);
    state = next.state;
    kinds.push(state.kind);
    for (const e of next.events) events.push({ ...e, at: k * 1000 });
  });
  return { state, events, kinds };
}

const below = (n: number): QualityReason[][] => Array.from({ length: n }, () => ['upload']);
const fine = (n: number): QualityReason[][] => Array.from({ length: n }, () => []);

describe('the incident detector', () => {
  it('opens an incident after three seconds below the minimum, not before', () => {
    const { events, kinds } = run(below(5));
    expect(kinds).toEqual(['degraded', 'degraded', 'degraded', 'incident', 'incident']);
    expect(events).toEqual([expect.objectContaining({ type: 'opened', at: 3000, incident: expect.objectContaining({ startedAt: 0, endedAt: null, reasons: ['upload'] }) })]);
  });

  it('lets a short dip pass without an incident', () => {
    const { events, kinds } = run([...below(2), ...fine(2), ...below(2), ...fine(1)]);
    expect(events).toEqual([]);
    expect(kinds).toEqual(['degraded', 'degraded', 'ok', 'ok', 'degraded', 'degraded', 'ok']);
  });

  it('closes an incident only after five seconds back above, dated from the recovery', () => {
    const { events, kinds } = run([...below(4), ...fine(6)]);
    expect(kinds.slice(3)).toEqual(['incident', 'recovered', 'recovered', 'recovered', 'recovered', 'recovered', 'ok']);
    expect(events.map((e) => e.type)).toEqual(['opened', 'closed']);
    expect(events[1]?.incident).toMatchObject({ startedAt: 0, endedAt: 4000 });
  });

  it('keeps one incident through a link that flaps, with every reason and the worst figures', () => {
    const series: QualityReason[][] = [...below(4), ...fine(2), ['download'], ['upload', 'download'], ...fine(6)];
    const { events } = run(series, (k) => 300 - k * 10);
    const opened = events.filter((e) => e.type === 'opened');
    const closed = events.filter((e) => e.type === 'closed');
    expect(opened).toHaveLength(1);
    expect(closed).toHaveLength(1);
    expect(closed[0]?.incident.incidentId).toBe(opened[0]?.incident.incidentId);
    expect(closed[0]?.incident.reasons).toEqual(['download', 'upload']);
    expect(closed[0]?.incident.worst.upKbps).toBe(230);
    expect(events.some((e) => e.type === 'updated')).toBe(true);
  });

  it('ends an open incident when the participant goes, and forgets a dip', () => {
    const open = run(below(4)).state;
    expect(finish(open, 9000)).toEqual([expect.objectContaining({ type: 'closed', incident: expect.objectContaining({ endedAt: 9000 }) })]);
    expect(finish(run(below(2)).state, 9000)).toEqual([]);
    expect(finish(INITIAL_STATE, 9000)).toEqual([]);
  });
});
