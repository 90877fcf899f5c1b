import { randomUUID } from 'node:crypto';
import {
  KanavaError,
  PrecheckIdSchema,
  assessPrecheck,
  type PointSlug,
  type PrecheckId,
  type PrecheckResult,
  type PrecheckSubmission,
  type ProbeDownloadResult,
  type ProbePlan,
  type ProbeUploadResult,
  type QualityPolicy,
  type ServicePointId,
} from '@kanava/shared';
import type { SfuProbeInfo, SfuService } from '@kanava/sfu/api';
import type { Logger } from '../logger.ts';
import type { QualityPolicySource } from './policy.ts';

/**
 * What the check asks of the browser. Upload: an incompressible test video whose encoder
 * starts at 2.5 Mbit/s (so a slow link is flooded from the first second; without a start
 * value Chrome begins near 300 kbit/s and needs 20–30 s to show what a link carries).
 * Download: the SFU pushes 2.5 Mbit/s for 2 s. Both floods stop as soon as they are measured.
 */
export const DEFAULT_PROBE_PLAN: ProbePlan = {
  upload: { startKbps: 2500, maxKbps: 3000, maxDurationMs: 3000 },
  download: { rateKbps: 2500, durationMs: 2000 },
};

/** A check's results are kept this long for the participant to submit them after joining (or rejoining). */
const RESULT_TTL_MS = 15 * 60_000;
const MAX_RECORDS = 5000;

/** A browser counts a little more than the SFU sent (RTP header extensions the SFU adds); more than this is not believable. */
const DOWNLOAD_PLAUSIBLE_EXCESS = 1.15;

interface ProbeRecord {
  precheckId: PrecheckId;
  pointId: ServicePointId;
  ownerSocketId: string;
  openedAt: number;
  policy: QualityPolicy;
  plan: ProbePlan;
  /** The SFU's probe is open (transports, floods); closed when the check ends or its socket goes. */
  live: boolean;
  upload: ProbeUploadResult | undefined;
  download: ProbeDownloadResult | undefined;
}

export interface PrecheckOpened {
  precheckId: PrecheckId;
  probe: SfuProbeInfo;
  plan: ProbePlan;
  policy: QualityPolicy;
}

/**
 * The server's side of the pre-call check: opens a probe on the SFU for one socket, keeps
 * the SFU's own upload measurement and the download flood it sent, and turns the
 * browser's submission into a stored, server-judged result.
 */
export class PrecheckService {
  readonly #sfu: SfuService;
  readonly #policies: QualityPolicySource;
  readonly #findPoint: (slug: PointSlug) => Promise<{ id: ServicePointId } | undefined>;
  readonly #log: Logger;
  readonly #plan: ProbePlan;
  readonly #records = new Map<PrecheckId, ProbeRecord>();
  readonly #now: () => number;

  constructor(deps: {
    sfu: SfuService;
    policies: QualityPolicySource;
    findPoint: (slug: PointSlug) => Promise<{ id: ServicePointId } | undefined>;
    log: Logger;
    plan?: ProbePlan;
    now?: () => number;
  }) {
    this.#sfu = deps.sfu;
    this.#policies = deps.policies;
    this.#findPoint = deps.findPoint;
    this.#log = deps.log.child({ component: 'precheck' });
    this.#plan = deps.plan ?? DEFAULT_PROBE_PLAN;
    this.#now = deps.now ?? Date.now;
  }

  async open(ownerSocketId: string, slug: PointSlug): Promise<PrecheckOpened> {
    const point = await this.#findPoint(slug);
    if (!point) throw new KanavaError('pointNotFound', 'no such service point');
    // One check at a time per connection: a second one replaces the first.
    for (const r of this.#records.values()) if (r.ownerSocketId === ownerSocketId && r.live) await this.close(ownerSocketId, r.precheckId);
    this.#expire();
    const precheckId = PrecheckIdSchema.parse(randomUUID());
    const policy = await this.#policies.policyFor({ pointId: point.id });
    const probe = await this.#sfu.openProbe({ probeId: precheckId });
    this.#records.set(precheckId, {
      precheckId,
      pointId: point.id,
      ownerSocketId,
      openedAt: this.#now(),
      policy,
      plan: this.#plan,
      live: true,
      upload: undefined,
      download: undefined,
    });
    this.#log.debug({ precheckId, pointId: point.id }, 'check opened');
    return { precheckId, probe, plan: this.#plan, policy };
  }

  /** The open check of this socket; anyone else's id is "not found", so ids cannot be probed. */
  live(ownerSocketId: string, precheckId: PrecheckId): ProbeRecord {
    const r = this.#records.get(precheckId);
    if (!r || r.ownerSocketId !== ownerSocketId || !r.live) throw new KanavaError('notFound', 'no such connection check');
    return r;
  }

  /** `overTcp`: the browser says its path to the SFU is TCP (through TURN the SFU cannot see it). */
  async measureUpload(ownerSocketId: string, precheckId: PrecheckId, overTcp = false): Promise<ProbeUploadResult> {
    const r = this.live(ownerSocketId, precheckId);
    const { startKbps, maxDurationMs } = r.plan.upload;
    r.upload = await this.#sfu.measureProbeUpload({ probeId: precheckId, startKbps, maxDurationMs, overTcp });
    return r.upload;
  }

  async runDownload(ownerSocketId: string, precheckId: PrecheckId): Promise<ProbeDownloadResult> {
    const r = this.live(ownerSocketId, precheckId);
    const { rateKbps, durationMs } = r.plan.download;
    r.download = await this.#sfu.runProbeDownload({ probeId: precheckId, rateKbps, durationMs });
    return r.download;
  }

  /** Ends the SFU's side of the check; its results stay for the submission. */
  async close(ownerSocketId: string, precheckId: PrecheckId): Promise<void> {
    const r = this.#records.get(precheckId);
    if (!r || r.ownerSocketId !== ownerSocketId || !r.live) return;
    r.live = false;
    await this.#sfu.closeProbe({ probeId: precheckId });
  }

  async closeAllOf(ownerSocketId: string): Promise<void> {
    for (const r of [...this.#records.values()]) if (r.ownerSocketId === ownerSocketId) await this.close(ownerSocketId, r.precheckId);
  }

  /**
   * Judges a participant's submission for the room's point: the upload is the SFU's own
   * figure; the browser's download reading must fit what the SFU sent; the verdict is
   * computed here with the room's policy, whatever the browser showed.
   */
  resolve(submission: PrecheckSubmission, pointId: ServicePointId, policy: QualityPolicy): PrecheckResult {
    const r = this.#records.get(submission.precheckId);
    if (!r || r.pointId !== pointId) throw new KanavaError('notFound', 'no such connection check for this point');
    if (!r.upload || !r.download) throw new KanavaError('invalidState', 'the connection check did not finish');
    const sent = r.download.sentKbps;
    if (submission.downKbps > sent * DOWNLOAD_PLAUSIBLE_EXCESS) {
      throw new KanavaError('badRequest', `a download of ${submission.downKbps} kbit/s cannot come from a ${sent} kbit/s probe`);
    }
    const maxDuration = this.#now() - r.openedAt + 1000;
    if (submission.durationMs > maxDuration) throw new KanavaError('badRequest', 'the check cannot have lasted longer than it has been open');
    const downKbps = Math.min(submission.downKbps, sent);
    const network = {
      upKbps: r.upload.upKbps,
      upAtCeiling: r.upload.atCeiling,
      // The SFU's figure stays the figure; the browser only says it could not be pushed to the probe's rate.
      ...(submission.upBrowserLimited ? { upBrowserLimited: true } : {}),
      downKbps,
      downAtCeiling: downKbps >= sent * 0.9,
      rttMs: submission.rttMs,
    };
    const figures = { camera: submission.camera, microphone: submission.microphone, network };
    return {
      precheckId: r.precheckId,
      measuredAt: r.openedAt,
      durationMs: submission.durationMs,
      ...figures,
      verdict: assessPrecheck(figures, policy),
      policy,
    };
  }

  #expire(): void {
    const now = this.#now();
    for (const [id, r] of this.#records) {
      if (!r.live && now - r.openedAt > RESULT_TTL_MS) this.#records.delete(id);
    }
    while (this.#records.size >= MAX_RECORDS) {
      const oldest = this.#records.keys().next();
      if (oldest.done) break;
      const r = this.#records.get(oldest.value);
      this.#records.delete(oldest.value);
      if (r?.live) void this.#sfu.closeProbe({ probeId: r.precheckId }).catch(() => undefined);
    }
  }
}
