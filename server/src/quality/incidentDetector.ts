import type { PeerId, QualityFigures, QualityIncident, QualityIncidentId, QualityReason } from '@kanava/shared';
import { worstOf } from './judge.ts';

/**
 * One participant's quality as an explicit state machine:
 *
 *   ok ──below──► degraded(since) ──below for incidentAfterMs──► incident(open)
 *    ▲               │ above                                       │ above      ▲ below
 *    └───────────────┘                                             ▼            │
 *    └──────────────── above for closeAfterMs (incident closed) ── recovered(since)
 *
 * A short dip (degraded, then above again) is not an incident. An incident closes only
 * after the figures have held above the minimum for a while, so a link that flaps makes
 * one long incident, not many short ones.
 */
export type DetectorState =
  | { kind: 'ok' }
  | { kind: 'degraded'; since: number; reasons: QualityReason[]; worst: QualityFigures }
  | { kind: 'incident'; incident: QualityIncident }
  | { kind: 'recovered'; incident: QualityIncident; since: number };

export interface DetectorTimings {
  /** How long a participant must stay below the minimum before it is an incident ("a few seconds"). */
  incidentAfterMs: number;
  /** How long the figures must hold above the minimum before an incident closes. */
  closeAfterMs: number;
}

export const DEFAULT_TIMINGS: DetectorTimings = { incidentAfterMs: 3000, closeAfterMs: 5000 };

export type DetectorEvent =
  | { type: 'opened'; incident: QualityIncident }
  /** Still open; its reasons or worst values changed (stored, not announced). */
  | { type: 'updated'; incident: QualityIncident }
  | { type: 'closed'; incident: QualityIncident };

export interface JudgedSample {
  at: number;
  /** What is below the minimum in this (smoothed) sample; empty when all is fine. */
  reasons: QualityReason[];
  figures: QualityFigures;
}

export const INITIAL_STATE: DetectorState = { kind: 'ok' };

const union = (a: readonly QualityReason[], b: readonly QualityReason[]): QualityReason[] => [...new Set([...a, ...b])].sort();

function widened(incident: QualityIncident, sample: JudgedSample): QualityIncident {
  return { ...incident, reasons: union(incident.reasons, sample.reasons), worst: worstOf(incident.worst, sample.figures) };
}

const sameIncident = (a: QualityIncident, b: QualityIncident) => JSON.stringify(a) === JSON.stringify(b);

/** Feeds one sample to the machine; returns the next state and what happened. Pure. */
export function step(
  state: DetectorState,
  sample: JudgedSample,
  ctx: { peerId: PeerId; timings: DetectorTimings; newIncidentId: () => QualityIncidentId },
): { state: DetectorState; events: DetectorEvent[] } {
  const below = sample.reasons.length > 0;
  switch (state.kind) {
    case 'ok':
      return below
        ? { state: { kind: 'degraded', since: sample.at, reasons: union([], sample.reasons), worst: sample.figures }, events: [] }
        : { state, events: [] };
    case 'degraded': {
      if (!below) return { state: { kind: 'ok' }, events: [] };
      const reasons = union(state.reasons, sample.reasons);
      const worst = worstOf(state.worst, sample.figures);
      if (sample.at - state.since < ctx.timings.incidentAfterMs) {
        return { state: { kind: 'degraded', since: state.since, reasons, worst }, events: [] };
      }
      const incident: QualityIncident = { incidentId: ctx.newIncidentId(), peerId: ctx.peerId, startedAt: state.since, endedAt: null, reasons, worst };
      return { state: { kind: 'incident', incident }, events: [{ type: 'opened', incident }] };
    }
    case 'incident': {
      if (!below) return { state: { kind: 'recovered', incident: state.incident, since: sample.at }, events: [] };
      const incident = widened(state.incident, sample);
      return { state: { kind: 'incident', incident }, events: sameIncident(incident, state.incident) ? [] : [{ type: 'updated', incident }] };
    }
    case 'recovered': {
      if (below) {
        const incident = widened(state.incident, sample);
        return { state: { kind: 'incident', incident }, events: sameIncident(incident, state.incident) ? [] : [{ type: 'updated', incident }] };
      }
      if (sample.at - state.since < ctx.timings.closeAfterMs) return { state, events: [] };
      const incident: QualityIncident = { ...state.incident, endedAt: state.since };
      return { state: { kind: 'ok' }, events: [{ type: 'closed', incident }] };
    }
    default: {
      const never: never = state;
      throw new Error(`unknown detector state ${JSON.stringify(never)}`);
    }
  }
}

/** The participant is gone (left, or the room closed): an open incident ends now. */
export function finish(state: DetectorState, at: number): DetectorEvent[] {
  switch (state.kind) {
    case 'ok':
    case 'degraded':
      return [];
    case 'incident':
      return [{ type: 'closed', incident: { ...state.incident, endedAt: at } }];
    case 'recovered':
      return [{ type: 'closed', incident: { ...state.incident, endedAt: state.since } }];
    default: {
      const never: never = state;
      throw new Error(`unknown detector state ${JSON.stringify(never)}`);
    }
  }
}
