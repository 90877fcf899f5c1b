import type { AdmissionOverride, PeerId, QualityFigures, QualityPolicy, QualityReason, QualitySessionSummary, ServiceSessionId } from '@kanava/shared';
import { NO_FIGURES, worstOf } from './judge.ts';

/** One participant's judged sample, as the monitor gives it. */
export interface TallySample {
  figures: QualityFigures;
  reasons: readonly QualityReason[];
  settling: boolean;
}

/**
 * A gap between samples longer than this (the router was away, the process was busy) is
 * not counted as measured time: only 1 s samples are expected, so 2.5 s is already a gap.
 */
const MAX_STEP_MS = 2500;

/**
 * Adds up one service session's quality, sample by sample: how long it was measured, how
 * long someone's upload, download or camera was below the minimum, and the worst figures.
 * Pure apart from its own counters; `finish` turns it into the stored summary.
 */
export class SessionTally {
  readonly sessionId: ServiceSessionId;
  readonly startedAt: number;
  #policy: QualityPolicy;
  #lastAt: number | undefined;
  #measuredMs = 0;
  readonly #below = { upload: 0, download: 0, camera: 0, any: 0 };
  #worst: QualityFigures = NO_FIGURES;
  #lowest: { width: number; height: number } | null = null;
  readonly #overrides = new Map<PeerId, AdmissionOverride>();

  constructor(sessionId: ServiceSessionId, startedAt: number, policy: QualityPolicy) {
    this.sessionId = sessionId;
    this.startedAt = startedAt;
    this.#policy = policy;
  }

  /** One sampling second of everyone in the call, judged against `policy`. */
  add(at: number, samples: readonly TallySample[], policy: QualityPolicy): void {
    this.#policy = policy;
    const step = this.#lastAt === undefined ? 0 : at - this.#lastAt;
    this.#lastAt = at;
    const judged = samples.filter((s) => !s.settling);
    for (const s of judged) {
      this.#worst = worstOf(this.#worst, s.figures);
      const camera = s.figures.camera;
      if (camera && camera.width > 0 && (this.#lowest === null || camera.width * camera.height < this.#lowest.width * this.#lowest.height)) {
        this.#lowest = { width: camera.width, height: camera.height };
      }
    }
    if (judged.length === 0 || step <= 0 || step > MAX_STEP_MS) return;
    this.#measuredMs += step;
    const reasons = new Set(judged.flatMap((s) => s.reasons));
    for (const r of reasons) this.#below[r] += step;
    if (reasons.size > 0) this.#below.any += step;
  }

  /** A customer let in below the minimum took part in this session. */
  noteOverride(peerId: PeerId, override: AdmissionOverride): void {
    this.#overrides.set(peerId, override);
  }

  finish(endedAt: number, incidentCount: number): QualitySessionSummary {
    return {
      sessionId: this.sessionId,
      startedAt: this.startedAt,
      endedAt: Math.max(endedAt, this.startedAt),
      measuredMs: Math.round(this.#measuredMs),
      belowMinimumMs: { ...this.#below },
      worst: this.#worst,
      lowestResolution: this.#lowest,
      incidentCount,
      policy: this.#policy,
      overrides: [...this.#overrides].map(([peerId, o]) => ({ peerId, ...o })),
    };
  }
}
