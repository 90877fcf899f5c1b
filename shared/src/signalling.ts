import { z } from 'zod';
import {
  ConsumerIdSchema,
  PeerIdSchema,
  PointSlugSchema,
  ProducerIdSchema,
  RoomIdSchema,
  TransportIdSchema,
} from './ids.ts';
import {
  DtlsParametersSchema,
  IceCandidateSchema,
  IceParametersSchema,
  IceServerSchema,
  MediaKindSchema,
  MediaSourceSchema,
  RtpCapabilitiesSchema,
  RtpParametersSchema,
  TransportDirectionSchema,
} from './media.ts';
import type { AckResult } from './result.ts';

export const ParticipantRoleSchema = z.enum(['customer', 'advisor', 'expert']);
export type ParticipantRole = z.infer<typeof ParticipantRoleSchema>;

export const DisplayNameSchema = z
  .string()
  .trim()
  .min(1)
  .max(60)
  .refine((s) => !/[\u0000-\u001f\u007f]/.test(s), 'no control characters');

export const PeerViewSchema = z.object({
  peerId: PeerIdSchema,
  displayName: DisplayNameSchema,
  role: ParticipantRoleSchema,
});
export type PeerView = z.infer<typeof PeerViewSchema>;

export const ProducerViewSchema = z.object({
  producerId: ProducerIdSchema,
  peerId: PeerIdSchema,
  kind: MediaKindSchema,
  source: MediaSourceSchema,
  paused: z.boolean(),
});
export type ProducerView = z.infer<typeof ProducerViewSchema>;

export const TransportOptionsSchema = z.object({
  id: TransportIdSchema,
  iceParameters: IceParametersSchema,
  iceCandidates: z.array(IceCandidateSchema),
  dtlsParameters: DtlsParametersSchema,
  iceServers: z.array(IceServerSchema),
});
export type TransportOptions = z.infer<typeof TransportOptionsSchema>;

export const ConsumerOptionsSchema = z.object({
  consumerId: ConsumerIdSchema,
  producerId: ProducerIdSchema,
  peerId: PeerIdSchema,
  kind: MediaKindSchema,
  source: MediaSourceSchema,
  rtpParameters: RtpParametersSchema,
  producerPaused: z.boolean(),
});
export type ConsumerOptions = z.infer<typeof ConsumerOptionsSchema>;

const empty = z.object({}).strict();

/**
 * Client → server requests. Each is acknowledged with AckResult<response>.
 * Names are `area.verb`; the server rejects any name not listed here.
 */
export const requests = {
  'room.getRouterCapabilities': {
    request: z.object({ pointSlug: PointSlugSchema }).strict(),
    response: z.object({ routerRtpCapabilities: RtpCapabilitiesSchema }),
  },
  'room.join': {
    request: z
      .object({
        pointSlug: PointSlugSchema,
        displayName: DisplayNameSchema,
        rtpCapabilities: RtpCapabilitiesSchema,
      })
      .strict(),
    response: z.object({
      roomId: RoomIdSchema,
      peerId: PeerIdSchema,
      peers: z.array(PeerViewSchema),
      producers: z.array(ProducerViewSchema),
    }),
  },
  'room.leave': { request: empty, response: empty },
  'transport.create': {
    request: z.object({ direction: TransportDirectionSchema }).strict(),
    response: TransportOptionsSchema,
  },
  'transport.connect': {
    request: z.object({ transportId: TransportIdSchema, dtlsParameters: DtlsParametersSchema }).strict(),
    response: empty,
  },
  'transport.restartIce': {
    request: z.object({ transportId: TransportIdSchema }).strict(),
    response: z.object({ iceParameters: IceParametersSchema }),
  },
  'producer.create': {
    request: z
      .object({
        transportId: TransportIdSchema,
        kind: MediaKindSchema,
        rtpParameters: RtpParametersSchema,
        source: MediaSourceSchema,
        paused: z.boolean().default(false),
      })
      .strict(),
    response: z.object({ producerId: ProducerIdSchema }),
  },
  'producer.setPaused': {
    request: z.object({ producerId: ProducerIdSchema, paused: z.boolean() }).strict(),
    response: empty,
  },
  'producer.close': {
    request: z.object({ producerId: ProducerIdSchema }).strict(),
    response: empty,
  },
  'consumer.create': {
    request: z.object({ transportId: TransportIdSchema, producerId: ProducerIdSchema }).strict(),
    response: ConsumerOptionsSchema,
  },
  'consumer.resume': {
    request: z.object({ consumerId: ConsumerIdSchema }).strict(),
    response: empty,
  },
} as const satisfies Record<string, { request: z.ZodType; response: z.ZodType }>;

export type RequestName = keyof typeof requests;
export type RequestOf<K extends RequestName> = z.input<(typeof requests)[K]['request']>;
export type ParsedRequestOf<K extends RequestName> = z.output<(typeof requests)[K]['request']>;
export type ResponseOf<K extends RequestName> = z.output<(typeof requests)[K]['response']>;

export function isRequestName(name: string): name is RequestName {
  return Object.hasOwn(requests, name);
}

/** Server → client notifications, named in the past tense. */
export const events = {
  peerJoined: z.object({ peer: PeerViewSchema }),
  peerLeft: z.object({ peerId: PeerIdSchema }),
  producerAdded: z.object({ producer: ProducerViewSchema }),
  producerPaused: z.object({ producerId: ProducerIdSchema }),
  producerResumed: z.object({ producerId: ProducerIdSchema }),
  producerClosed: z.object({ producerId: ProducerIdSchema }),
  consumerClosed: z.object({ consumerId: ConsumerIdSchema }),
} as const satisfies Record<string, z.ZodType>;

export type EventName = keyof typeof events;
export type EventOf<K extends EventName> = z.output<(typeof events)[K]>;

/** socket.io event map as the client sees it: typed requests with acks, typed notifications. */
export type ClientToServerEvents = {
  [K in RequestName]: (payload: RequestOf<K>, ack: (result: AckResult<ResponseOf<K>>) => void) => void;
};
export type ServerToClientEvents = { [K in EventName]: (payload: EventOf<K>) => void };

/**
 * The same map as the server must treat it: nothing from a socket is trusted,
 * so payloads and acks are unknown until parsed.
 */
export type UntrustedClientToServerEvents = {
  [K in RequestName]: (payload: unknown, ack: unknown) => void;
};
