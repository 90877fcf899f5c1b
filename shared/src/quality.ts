import { z } from 'zod';
import { PeerIdSchema } from './ids.ts';

/**
 * Quality enforcement: the operating guide's minimums (002 §3.1.1) as a typed policy,
 * the pre-call device and network check, and the live figures and incidents of a call.
 * Every figure that crosses the wire is range-checked here, so a client cannot store
 * an impossible value (a 10 Gbit/s upload, a 9000 fps camera) with its participant.
 */

export const PrecheckIdSchema = z.uuid().brand<'PrecheckId'>();
export type PrecheckId = z.infer<typeof PrecheckIdSchema>;

export const QualityIncidentIdSchema = z.string().min(1).max(64).brand<'QualityIncidentId'>();
export type QualityIncidentId = z.infer<typeof QualityIncidentIdSchema>;

/** Throughput in kbit/s; 1 Gbit/s is far above anything a probe can measure. */
export const KbpsSchema = z.number().finite().min(0).max(1_000_000);
const pixels = z.number().int().min(0).max(16_384);
const frameRate = z.number().finite().min(0).max(240);
const rttMs = z.number().finite().min(0).max(60_000);

// ---------------------------------------------------------------- policy

/**
 * `off`: figures are shown, nothing is judged or recorded. `warn`: a participant below the
 * minimum is told and recorded. `block`: a customer whose check is below the minimum is
 * held before the lobby until staff let them in with a reason (recorded).
 */
export const QualityModeSchema = z.enum(['off', 'warn', 'block']);
export type QualityMode = z.infer<typeof QualityModeSchema>;

export const QualityPolicySchema = z
  .object({
    mode: QualityModeSchema,
    network: z.object({
      minUpKbps: KbpsSchema,
      recommendedUpKbps: KbpsSchema,
      minDownKbps: KbpsSchema,
      recommendedDownKbps: KbpsSchema,
    }),
    camera: z.object({ minWidth: pixels, minHeight: pixels, minFrameRate: frameRate }),
  })
  .refine((p) => p.network.recommendedUpKbps >= p.network.minUpKbps && p.network.recommendedDownKbps >= p.network.minDownKbps, {
    message: 'a recommendation below the minimum',
  });
export type QualityPolicy = z.infer<typeof QualityPolicySchema>;

/** The operating guide's values: 384 kbit/s guaranteed both ways, 786 recommended, camera 1280×720 at 30 fps. */
export const DEFAULT_QUALITY_POLICY: QualityPolicy = {
  mode: 'warn',
  network: { minUpKbps: 384, recommendedUpKbps: 786, minDownKbps: 384, recommendedDownKbps: 786 },
  camera: { minWidth: 1280, minHeight: 720, minFrameRate: 30 },
};

/**
 * A camera that runs at 30 fps is measured at 28–30 over a few seconds (timer edges, one
 * frame more or less in the window); 90 % of the minimum frame rate counts as meeting it.
 */
export const FRAME_RATE_TOLERANCE = 0.9;

/**
 * The pre-call check reads a link at IP level: 0.93–0.99 of a tc rate (which also counts
 * Ethernet headers), see the benchmark table in ARCHITECTURE.md. A link that carries the
 * minimum must not fail for the measurement's own shortfall, so 95 % of a threshold
 * counts as reaching it; a 250 kbit/s link (read 233–248) still fails 384 clearly.
 */
export const THROUGHPUT_TOLERANCE = 0.95;

// ---------------------------------------------------------------- pre-call check

export const VideoFiguresSchema = z.object({ width: pixels, height: pixels, frameRate });
export type VideoFigures = z.infer<typeof VideoFiguresSchema>;

/** What the browser measured of its own devices: frames actually delivered by the camera, the microphone's loudest moment. */
export const CameraCheckSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('measured'), width: pixels, height: pixels, frameRate }),
  z.object({ status: z.literal('unavailable') }),
]);
export type CameraCheck = z.infer<typeof CameraCheckSchema>;

export const MicrophoneCheckSchema = z.discriminatedUnion('status', [
  /** peakLevel: 0 (silence) … 1 (full scale) */
  z.object({ status: z.literal('measured'), peakLevel: z.number().finite().min(0).max(1) }),
  z.object({ status: z.literal('unavailable') }),
  /** The microphone is on, but the browser did not let the page listen to it (Firefox without a sound output: Web Audio never starts). */
  z.object({ status: z.literal('notMeasured') }),
]);
export type MicrophoneCheck = z.infer<typeof MicrophoneCheckSchema>;

/** Below this peak level the microphone is taken to hear nothing (a muted or unplugged microphone reads ~0). */
export const MIC_SILENCE_LEVEL = 0.01;

export const NetworkFiguresSchema = z.object({
  /** Measured by the SFU from what arrived (server-side): not reported by the client. */
  upKbps: KbpsSchema,
  /** The probe could not push more than this: the link carries at least upKbps. */
  upAtCeiling: z.boolean(),
  /**
   * The browser cannot be told to start its encoder at the probe's rate (only Chromium takes a start bitrate;
   * Firefox starts low and caps its rate by the picture size), so upKbps is how far the browser went, a lower
   * bound of the link rather than its measure. Absent: false.
   */
  upBrowserLimited: z.boolean().optional(),
  downKbps: KbpsSchema,
  downAtCeiling: z.boolean(),
  rttMs: rttMs.nullable(),
});
export type NetworkFigures = z.infer<typeof NetworkFiguresSchema>;

/** notMeasured: this browser could not give the figure; said so plainly, and never held against the customer. */
export const ItemVerdictSchema = z.enum(['good', 'belowRecommended', 'belowMinimum', 'unavailable', 'notMeasured']);
export type ItemVerdict = z.infer<typeof ItemVerdictSchema>;

export const PrecheckVerdictSchema = z.object({
  overall: z.enum(['good', 'belowRecommended', 'belowMinimum']),
  camera: ItemVerdictSchema,
  microphone: ItemVerdictSchema,
  upload: ItemVerdictSchema,
  download: ItemVerdictSchema,
  /** False only in `block` mode below the minimum: staff must let the customer in with a reason. */
  admissible: z.boolean(),
});
export type PrecheckVerdict = z.infer<typeof PrecheckVerdictSchema>;

/** The stored result of one participant's check, as the room sees it. */
export const PrecheckResultSchema = z.object({
  precheckId: PrecheckIdSchema,
  measuredAt: z.number().int().nonnegative(),
  durationMs: z.number().int().min(0).max(120_000),
  camera: CameraCheckSchema,
  microphone: MicrophoneCheckSchema,
  network: NetworkFiguresSchema,
  verdict: PrecheckVerdictSchema,
  policy: QualityPolicySchema,
});
export type PrecheckResult = z.infer<typeof PrecheckResultSchema>;

/** What the probe asks the browser to do (chosen by the server, so it can be tuned without a client release). */
export const ProbePlanSchema = z.object({
  upload: z.object({ startKbps: KbpsSchema, maxKbps: KbpsSchema, maxDurationMs: z.number().int().positive().max(20_000) }),
  download: z.object({ rateKbps: KbpsSchema, durationMs: z.number().int().positive().max(20_000) }),
});
export type ProbePlan = z.infer<typeof ProbePlanSchema>;

export const ProbeUploadResultSchema = z.object({ upKbps: KbpsSchema, atCeiling: z.boolean(), durationMs: z.number().int().nonnegative() });
export type ProbeUploadResult = z.infer<typeof ProbeUploadResultSchema>;

export const ProbeDownloadResultSchema = z.object({ sentKbps: KbpsSchema, durationMs: z.number().int().nonnegative() });
export type ProbeDownloadResult = z.infer<typeof ProbeDownloadResultSchema>;

/** The client's half of a check, submitted after joining; the server adds its own upload measurement. */
export const PrecheckSubmissionSchema = z
  .object({
    precheckId: PrecheckIdSchema,
    durationMs: z.number().int().min(0).max(120_000),
    camera: CameraCheckSchema,
    microphone: MicrophoneCheckSchema,
    downKbps: KbpsSchema,
    rttMs: rttMs.nullable(),
    upBrowserLimited: z.boolean().optional(),
  })
  .strict();
export type PrecheckSubmission = z.infer<typeof PrecheckSubmissionSchema>;

export function throughputVerdict(kbps: number, min: number, recommended: number): ItemVerdict {
  if (kbps < min * THROUGHPUT_TOLERANCE) return 'belowMinimum';
  return kbps < recommended * THROUGHPUT_TOLERANCE ? 'belowRecommended' : 'good';
}

export function cameraVerdict(camera: CameraCheck, policy: QualityPolicy): ItemVerdict {
  if (camera.status === 'unavailable') return 'unavailable';
  const { minWidth, minHeight, minFrameRate } = policy.camera;
  // A camera turned sideways delivers 720×1280; the guide asks for the picture size, not its orientation.
  const long = Math.max(camera.width, camera.height);
  const short = Math.min(camera.width, camera.height);
  const sizeOk = long >= Math.max(minWidth, minHeight) && short >= Math.min(minWidth, minHeight);
  const rateOk = camera.frameRate >= minFrameRate * FRAME_RATE_TOLERANCE;
  return sizeOk && rateOk ? 'good' : 'belowMinimum';
}

/** The same verdict on the kiosk and on the server: the server recomputes it from validated figures. */
export function assessPrecheck(
  figures: { camera: CameraCheck; microphone: MicrophoneCheck; network: Pick<NetworkFigures, 'upKbps' | 'downKbps' | 'upBrowserLimited'> },
  policy: QualityPolicy,
): PrecheckVerdict {
  const { network } = policy;
  const camera = cameraVerdict(figures.camera, policy);
  const mic = figures.microphone;
  const microphone: ItemVerdict =
    mic.status === 'measured' ? (mic.peakLevel >= MIC_SILENCE_LEVEL ? 'good' : 'belowMinimum') : mic.status;
  // A browser that could not be pushed to the probe's rate has shown a lower bound: below the recommendation
  // that says nothing about the link (the call's own monitor judges the upload once media flows).
  const upload =
    figures.network.upBrowserLimited && figures.network.upKbps < network.recommendedUpKbps * THROUGHPUT_TOLERANCE
      ? 'notMeasured'
      : throughputVerdict(figures.network.upKbps, network.minUpKbps, network.recommendedUpKbps);
  const download = throughputVerdict(figures.network.downKbps, network.minDownKbps, network.recommendedDownKbps);
  const items = [camera, microphone, upload, download];
  // A missing camera or microphone is below the minimum: the customer cannot be served by video without them.
  // What the browser could not measure (notMeasured) counts neither way.
  const overall = items.some((v) => v === 'belowMinimum' || v === 'unavailable')
    ? 'belowMinimum'
    : items.includes('belowRecommended')
      ? 'belowRecommended'
      : 'good';
  return { overall, camera, microphone, upload, download, admissible: policy.mode !== 'block' || overall !== 'belowMinimum' };
}

// ---------------------------------------------------------------- during the call

/** What is below the minimum: the participant's upload, their download, or the picture their camera delivers. */
export const QualityReasonSchema = z.enum(['upload', 'download', 'camera']);
export type QualityReason = z.infer<typeof QualityReasonSchema>;

/** One participant's figures at one moment; null where nothing is known (no camera, nobody to receive from). */
export const QualityFiguresSchema = z.object({
  upKbps: KbpsSchema.nullable(),
  downKbps: KbpsSchema.nullable(),
  /** The camera as it delivers frames to the browser. */
  camera: VideoFiguresSchema.nullable(),
  /** The best layer the browser is actually sending. */
  sent: VideoFiguresSchema.nullable(),
  rttMs: rttMs.nullable(),
  /** mediasoup's 0–10 score of the participant's camera stream as it arrives (10 = no loss). */
  score: z.number().int().min(0).max(10).nullable(),
  /** The lowest 0–10 score of the video streams the SFU sends the participant (loss on their downlink). */
  recvScore: z.number().int().min(0).max(10).nullable(),
  /** What holds the participant's camera encoder back, as their browser says (cpu: the machine, not the link). */
  sendLimitation: z.enum(['none', 'bandwidth', 'cpu', 'other']).nullable(),
});
export type QualityFigures = z.infer<typeof QualityFiguresSchema>;

export const QualityStateKindSchema = z.enum(['ok', 'degraded', 'incident', 'recovered']);
export type QualityStateKind = z.infer<typeof QualityStateKindSchema>;

export const QualityIncidentSchema = z.object({
  incidentId: QualityIncidentIdSchema,
  peerId: PeerIdSchema,
  startedAt: z.number().int().nonnegative(),
  endedAt: z.number().int().nonnegative().nullable(),
  reasons: z.array(QualityReasonSchema).max(3),
  /** The lowest throughput, picture and score, and the highest RTT seen while it lasted. */
  worst: QualityFiguresSchema,
});
export type QualityIncident = z.infer<typeof QualityIncidentSchema>;

export const ParticipantQualitySchema = z.object({
  peerId: PeerIdSchema,
  state: QualityStateKindSchema,
  reasons: z.array(QualityReasonSchema).max(3),
  figures: QualityFiguresSchema,
  openIncidentId: QualityIncidentIdSchema.nullable(),
  /** The first seconds of media, while congestion control settles: shown, not judged. */
  settling: z.boolean(),
});
export type ParticipantQuality = z.infer<typeof ParticipantQualitySchema>;

/**
 * What a browser reports of its own media every few seconds: things only it can see
 * (the camera's delivered frames, the encoder's chosen layer, its bandwidth estimate).
 * The server range-checks them and keeps them beside its own measurements.
 */
export const ClientMediaReportSchema = z
  .object({
    camera: VideoFiguresSchema.nullable(),
    sent: VideoFiguresSchema.nullable(),
    /** The browser's bandwidth estimate of its sending path (candidate pair availableOutgoingBitrate). */
    availableOutgoingKbps: KbpsSchema.nullable(),
    rttMs: rttMs.nullable(),
    qualityLimitation: z.enum(['none', 'bandwidth', 'cpu', 'other']).nullable(),
  })
  .strict();
export type ClientMediaReport = z.infer<typeof ClientMediaReportSchema>;

// ---------------------------------------------------------------- records

/** Block mode: an advisor or expert lets a customer below the minimum in anyway; the reason is recorded. */
export const OverrideReasonSchema = z
  .string()
  .trim()
  .min(3)
  .max(300)
  .refine((s) => !/[\u0000-\u0008\u000b-\u001f\u007f]/.test(s), 'no control characters');

export const AdmissionOverrideSchema = z.object({
  byName: z.string().max(200),
  reason: OverrideReasonSchema,
  at: z.number().int().nonnegative(),
});
export type AdmissionOverride = z.infer<typeof AdmissionOverrideSchema>;

/**
 * A policy as an admin saves it: the same shape, with sane bounds (a minimum above 20 Mbit/s
 * or a picture beyond 4K would lock everyone out; a 0 minimum is allowed and means "none").
 */
export const QualityPolicyInputSchema = z
  .object({
    mode: QualityModeSchema,
    network: z
      .object({
        minUpKbps: z.number().int().min(0).max(20_000),
        recommendedUpKbps: z.number().int().min(0).max(20_000),
        minDownKbps: z.number().int().min(0).max(20_000),
        recommendedDownKbps: z.number().int().min(0).max(20_000),
      })
      .strict(),
    camera: z
      .object({
        minWidth: z.number().int().min(0).max(3840),
        minHeight: z.number().int().min(0).max(2160),
        minFrameRate: z.number().int().min(0).max(60),
      })
      .strict(),
  })
  .strict()
  .superRefine((p, ctx) => {
    if (p.network.recommendedUpKbps < p.network.minUpKbps) {
      ctx.addIssue({ code: 'custom', path: ['network', 'recommendedUpKbps'], message: 'the recommendation is below the minimum' });
    }
    if (p.network.recommendedDownKbps < p.network.minDownKbps) {
      ctx.addIssue({ code: 'custom', path: ['network', 'recommendedDownKbps'], message: 'the recommendation is below the minimum' });
    }
  });
export type QualityPolicyInput = z.infer<typeof QualityPolicyInputSchema>;

/** A stored policy and where it came from (a service without its own shows the default it inherits). */
export const StoredQualityPolicySchema = z.object({
  policy: QualityPolicySchema,
  source: z.enum(['service', 'platform', 'guide']),
  updatedAt: z.iso.datetime({ offset: true }).nullable(),
  updatedBy: z.string().nullable(),
});
export type StoredQualityPolicy = z.infer<typeof StoredQualityPolicySchema>;

/**
 * One service session's quality, written when it ends: how long the call was measured, how
 * long someone's upload, download or camera was below the minimum, and the worst figures.
 */
export const QualitySessionSummarySchema = z.object({
  sessionId: z.string().min(1).max(64),
  startedAt: z.number().int().nonnegative(),
  endedAt: z.number().int().nonnegative(),
  /** Time with someone's media judged (start-up settling and time without media left out). */
  measuredMs: z.number().int().nonnegative(),
  belowMinimumMs: z.object({
    upload: z.number().int().nonnegative(),
    download: z.number().int().nonnegative(),
    camera: z.number().int().nonnegative(),
    /** Time with anything below the minimum (the union, not the sum). */
    any: z.number().int().nonnegative(),
  }),
  /** Lowest throughput and score, lowest picture, highest RTT over the session. */
  worst: QualityFiguresSchema,
  /** The smallest picture any participant's camera delivered (width × height), null without one. */
  lowestResolution: z.object({ width: pixels, height: pixels }).nullable(),
  incidentCount: z.number().int().nonnegative(),
  policy: QualityPolicySchema,
  overrides: z.array(AdmissionOverrideSchema.extend({ peerId: PeerIdSchema })),
});
export type QualitySessionSummary = z.infer<typeof QualitySessionSummarySchema>;
