import { z } from 'zod';
import { ConsumerIdSchema, PeerIdSchema, ProducerIdSchema, TransportIdSchema } from './ids.ts';
import { PointSlugSchema } from './ids.ts';
import {
  DtlsParametersSchema,
  IceCandidateSchema,
  IceParametersSchema,
  IceServerSchema,
  RtpCapabilitiesSchema,
  RtpParametersSchema,
} from './media.ts';
import {
  AdmissionOverrideSchema,
  ClientMediaReportSchema,
  OverrideReasonSchema,
  ParticipantQualitySchema,
  PrecheckIdSchema,
  PrecheckResultSchema,
  PrecheckSubmissionSchema,
  ProbeDownloadResultSchema,
  ProbePlanSchema,
  ProbeUploadResultSchema,
  QualityIncidentSchema,
  QualityPolicySchema,
} from './quality.ts';

/**
 * The requests and events of quality enforcement, merged into the contract in
 * signalling.ts. Kept apart so the check and the monitor evolve without touching
 * the room's own messages.
 */

const ProbeTransportSchema = z.object({
  id: TransportIdSchema,
  iceParameters: IceParametersSchema,
  iceCandidates: z.array(IceCandidateSchema),
  dtlsParameters: DtlsParametersSchema,
  iceServers: z.array(IceServerSchema),
});

const empty = z.object({}).strict();
const probe = { precheckId: PrecheckIdSchema };

export const qualityRequests = {
  /** Starts a device and network check against the point's SFU; no room membership needed (it runs before the lobby). */
  'precheck.open': {
    request: z.object({ pointSlug: PointSlugSchema }).strict(),
    response: z.object({
      precheckId: PrecheckIdSchema,
      routerRtpCapabilities: RtpCapabilitiesSchema,
      send: ProbeTransportSchema,
      recv: ProbeTransportSchema,
      plan: ProbePlanSchema,
      policy: QualityPolicySchema,
    }),
  },
  'precheck.connect': {
    request: z.object({ ...probe, transportId: TransportIdSchema, dtlsParameters: DtlsParametersSchema }).strict(),
    response: empty,
  },
  /** The browser's test video; the SFU measures what arrives. */
  'precheck.upload': {
    request: z.object({ ...probe, rtpParameters: RtpParametersSchema }).strict(),
    response: z.object({ producerId: ProducerIdSchema }),
  },
  /** Answers once the upload is measured (a few seconds). */
  'precheck.uploadResult': {
    request: z
      .object({
        ...probe,
        /**
         * How the browser reaches the SFU: 'tcp' for ICE-TCP or TURN over TCP/TLS, where the SFU averages
         * over the test instead of taking the best second (never a higher figure, so claiming it gains nothing).
         */
        path: z.enum(['udp', 'tcp']).optional(),
      })
      .strict(),
    response: ProbeUploadResultSchema,
  },
  'precheck.download': {
    request: z.object({ ...probe, rtpCapabilities: RtpCapabilitiesSchema }).strict(),
    response: z.object({ consumerId: ConsumerIdSchema, producerId: ProducerIdSchema, kind: z.literal('video'), rtpParameters: RtpParametersSchema }),
  },
  /** The SFU sends the probe stream at the plan's rate and answers when it has stopped; the browser counts what arrived. */
  'precheck.downloadRun': { request: z.object(probe).strict(), response: ProbeDownloadResultSchema },
  'precheck.close': { request: z.object(probe).strict(), response: empty },
  /** After joining: the client's half of its check; the server adds its own upload figure, judges, stores and tells the room. */
  'quality.submitPrecheck': { request: PrecheckSubmissionSchema, response: z.object({ precheck: PrecheckResultSchema }) },
  /** Every few seconds in the call: what only the browser sees of its own media. */
  'quality.report': { request: ClientMediaReportSchema, response: empty },
  /** The room's quality now: each participant's check, live state and the session's incidents. */
  'quality.roomState': {
    request: empty,
    response: z.object({
      policy: QualityPolicySchema,
      participants: z.array(ParticipantQualitySchema),
      prechecks: z.array(z.object({ peerId: PeerIdSchema, precheck: PrecheckResultSchema })),
      incidents: z.array(QualityIncidentSchema),
      /** Customers below the minimum whom staff let in anyway (block mode), with the reason. */
      overrides: z.array(z.object({ peerId: PeerIdSchema, override: AdmissionOverrideSchema })),
    }),
  },
  /**
   * Block mode, staff of the point in the room: lets a customer whose check is below the
   * minimum wait for (and be admitted to) the call; the reason goes to the audit log.
   */
  'quality.override': {
    request: z.object({ peerId: PeerIdSchema, reason: OverrideReasonSchema }).strict(),
    response: z.object({ override: AdmissionOverrideSchema }),
  },
} as const satisfies Record<string, { request: z.ZodType; response: z.ZodType }>;

export const qualityEvents = {
  /** To the call and the point's staff: a participant's check result (the expert sees it in the lobby). */
  precheckReported: z.object({ peerId: PeerIdSchema, precheck: PrecheckResultSchema }),
  /** To the call, every few seconds and at once on a state change: everyone's figures and state. */
  qualityChanged: z.object({ participants: z.array(ParticipantQualitySchema) }),
  /** To the call and the point's staff: a participant has been below the minimum for a few seconds. */
  qualityIncidentOpened: z.object({ incident: QualityIncidentSchema }),
  /** To the call and the point's staff: back above the minimum long enough; carries the worst values. */
  qualityIncidentClosed: z.object({ incident: QualityIncidentSchema }),
  /** To the customer, the call and the point's staff: staff let a customer below the minimum in, with a reason. */
  qualityOverridden: z.object({ peerId: PeerIdSchema, override: AdmissionOverrideSchema }),
} as const satisfies Record<string, z.ZodType>;
