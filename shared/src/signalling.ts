import { z } from 'zod';
import {
  ConsumerIdSchema,
  ServiceSessionIdSchema,
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
import { BookingLinkTokenSchema } from './booking.ts';
import { ChatMessageSchema, ChatTextSchema } from './chat.ts';
import { qualityEvents, qualityRequests } from './qualitySignalling.ts';
import { documentEvents, documentRequests } from './documents.ts';
import { formEvents, formRequests } from './formsSignalling.ts';
import {
  DeclineReasonSchema,
  RejoinTokenSchema,
  RoomLiveStateSchema,
  ServiceSessionViewSchema,
  WaitingCustomerSchema,
} from './lobby.ts';

import { ParticipantRoleSchema } from './roles.ts';

export { ParticipantRoleSchema, type ParticipantRole } from './roles.ts';

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

/** What a participant in the call knows of the room. */
export const InCallViewSchema = z.object({
  peers: z.array(PeerViewSchema),
  producers: z.array(ProducerViewSchema),
  session: ServiceSessionViewSchema.nullable(),
  /** Customers waiting in the lobby; only staff get them, customers get an empty list. */
  lobby: z.array(WaitingCustomerSchema),
});
export type InCallView = z.infer<typeof InCallViewSchema>;

export const JoinResultSchema = z.discriminatedUnion('admission', [
  InCallViewSchema.extend({
    admission: z.literal('inCall'),
    roomId: RoomIdSchema,
    peerId: PeerIdSchema,
    role: ParticipantRoleSchema,
    rejoinToken: RejoinTokenSchema,
  }),
  z.object({
    admission: z.literal('lobby'),
    roomId: RoomIdSchema,
    peerId: PeerIdSchema,
    role: z.literal('customer'),
    rejoinToken: RejoinTokenSchema,
    waitingSince: z.iso.datetime({ offset: true }),
    /** Admitted while the connection was down: enter the call at once. */
    admitted: z.boolean(),
  }),
]);
export type JoinResult = z.infer<typeof JoinResultSchema>;

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
        /** The point's kiosk token from its fixed link; customers need it, signed-in staff do not. */
        kioskToken: z.string().min(1).max(200).optional(),
        /** A customer at home: the personal link of their booking at this point (instead of the kiosk token). */
        bookingLink: BookingLinkTokenSchema.optional(),
      })
      .strict(),
    response: JoinResultSchema,
  },
  /** Comes back after a dropped connection as the same participant, without a new admission. */
  'room.resume': {
    request: z.object({ pointSlug: PointSlugSchema, rejoinToken: RejoinTokenSchema, rtpCapabilities: RtpCapabilitiesSchema }).strict(),
    response: JoinResultSchema,
  },
  /** An admitted customer steps from the lobby into the call. */
  'room.enterCall': { request: empty, response: InCallViewSchema },
  'lobby.admit': { request: z.object({ peerId: PeerIdSchema }).strict(), response: empty },
  'lobby.decline': { request: z.object({ peerId: PeerIdSchema, reason: DeclineReasonSchema }).strict(), response: empty },
  /** An expert ends the service session: the customer's call ends (the survey follows), staff stay in the room. */
  'session.end': { request: empty, response: empty },
  /** Sends a chat message to everyone in the call; the answer is the stored message with its place in order. */
  'chat.send': { request: z.object({ text: ChatTextSchema }).strict(), response: ChatMessageSchema },
  /** The whole conversation of the current service session, e.g. after reconnecting. */
  'chat.history': { request: empty, response: z.object({ messages: z.array(ChatMessageSchema) }) },
  /** The customer's one-button call for the point's advisor. */
  'room.callAdvisor': { request: empty, response: empty },
  /** Staff: the rooms of the points they serve, with live state; updates follow as events. */
  'directory.watch': { request: empty, response: z.object({ rooms: z.array(RoomLiveStateSchema) }) },
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
  ...qualityRequests,
  ...documentRequests,
  ...formRequests,
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
  /** To the point's staff: who waits in its lobby now. */
  lobbyChanged: z.object({ pointSlug: PointSlugSchema, waiting: z.array(WaitingCustomerSchema) }),
  /** To the point's staff: its room's live state for the directory. */
  roomStateChanged: z.object({ room: RoomLiveStateSchema }),
  /** To the point's staff: a customer was admitted by someone (the others see it taken). */
  customerAdmitted: z.object({ pointSlug: PointSlugSchema, peerId: PeerIdSchema, by: z.string() }),
  /** To the customer: you may enter the call. */
  admitted: z.object({ by: z.string() }),
  /** To the customer: the expert declined, with the reason. */
  declined: z.object({ reason: z.string() }),
  /** To the point's advisors and those in the room: the customer pressed "call the advisor". */
  advisorCalled: z.object({ pointSlug: PointSlugSchema, pointName: z.string(), at: z.iso.datetime({ offset: true }) }),
  /** To the point's staff: a customer has waited too long. */
  lobbyEscalated: z.object({ pointSlug: PointSlugSchema, pointName: z.string(), peerId: PeerIdSchema, waitingSince: z.iso.datetime({ offset: true }) }),
  /** To the room: a participant's connection dropped; they may come back within the grace period. */
  peerConnectionLost: z.object({ peerId: PeerIdSchema }),
  peerConnectionRestored: z.object({ peerId: PeerIdSchema }),
  /** To the call: a chat message of the current service session. */
  chatMessage: z.object({ message: ChatMessageSchema }),
  /** To a customer whose service ended: the one-time token for answering the satisfaction survey. */
  surveyInvited: z.object({ token: z.string().min(20).max(200) }),
  /** To the room: a customer was admitted and a service session began. */
  serviceSessionStarted: z.object({ session: ServiceSessionViewSchema }),
  /** To the room: the service session ended (the customer left); its material is gone. */
  serviceSessionEnded: z.object({ sessionId: ServiceSessionIdSchema }),
  ...qualityEvents,
  ...documentEvents,
  ...formEvents,
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
