import type { PeerId, QualityFigures, QualityIncidentId, QualityPolicy, QualityReason } from '@kanava/shared';
import { DEFAULT_TIMINGS, INITIAL_STATE, finish, step, type DetectorEvent, type DetectorState, type DetectorTimings } from './incidentDetector.ts';
import { reasonsBelow } from './judge.ts';
import { FigureSmoother } from './smoothing.ts';

/**
 * The first seconds of a participant's media are not judged: both congestion controllers
 * settle then (a start layer that was a little too high is dropped, lost packets included).
 * Recorded on a 400 kbit/s link: 3 s of loss and a low estimate right after joining, then steady.
 */
export const STARTUP_GRACE_MS = 6000;

export interface Judged {
  figures: QualityFigures;
  reasons: QualityReason[];
  settling: boolean;
  state: DetectorState;
  events: DetectorEvent[];
}

/**
 * One participant's pipeline, one sample a second: smooth the raw figures, hold judgement
 * through the start-up grace, judge against the policy, step the incident detector. Pure
 * apart from its own state, so the unit tests replay recorded series through exactly this.
 */
export class ParticipantMonitor {
  readonly #peerId: PeerId;
  readonly #timings: DetectorTimings;
  readonly #newIncidentId: () => QualityIncidentId;
  #smoother = new FigureSmoother();
  #mediaSince: number | undefined;
  #state: DetectorState = INITIAL_STATE;

  constructor(peerId: PeerId, newIncidentId: () => QualityIncidentId, timings: DetectorTimings = DEFAULT_TIMINGS) {
    this.#peerId = peerId;
    this.#newIncidentId = newIncidentId;
    this.#timings = timings;
  }

  get state(): DetectorState {
    return this.#state;
  }

  push(at: number, raw: QualityFigures, policy: QualityPolicy): Judged {
    const figures = this.#smoother.push(raw);
    // No media now (not started yet, or the connection dropped): the grace starts again when it flows.
    if (raw.upKbps === null && raw.downKbps === null) this.#mediaSince = undefined;
    else this.#mediaSince ??= at;
    const settling = this.#mediaSince === undefined || at - this.#mediaSince < STARTUP_GRACE_MS;
    const reasons = settling ? [] : reasonsBelow(figures, policy);
    const next = step(this.#state, { at, reasons, figures }, { peerId: this.#peerId, timings: this.#timings, newIncidentId: this.#newIncidentId });
    this.#state = next.state;
    return { figures, reasons, settling, state: next.state, events: next.events };
  }

  /** The participant left the call: an open incident ends now, and a return starts afresh. */
  stop(at: number): DetectorEvent[] {
    const events = finish(this.#state, at);
    this.#state = INITIAL_STATE;
    this.#smoother = new FigureSmoother();
    this.#mediaSince = undefined;
    return events;
  }
}
