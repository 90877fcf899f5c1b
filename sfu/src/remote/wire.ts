import { z } from 'zod';
import {
  ConsumerIdSchema,
  DtlsParametersSchema,
  IceCandidateSchema,
  IceParametersSchema,
  MediaKindSchema,
  MediaSourceSchema,
  PeerIdSchema,
  PrecheckIdSchema,
  ProbeDownloadResultSchema,
  ProbeUploadResultSchema,
  ProducerIdSchema,
  RoomIdSchema,
  RtpCapabilitiesSchema,
  RtpParametersSchema,
  TransportDirectionSchema,
  TransportIdSchema,
  WireErrorSchema,
} from '@kanava/shared';

/**
 * The wire between the signalling servers and the SFU nodes, over Redis.
 *
 * - A node announces itself with a heartbeat key (`node:<id>`, JSON, with a TTL) and is listed in
 *   the `nodes` set; a node whose key has expired, or whose boot id changed, has lost its rooms.
 * - A room's placement (`room:<roomId>` → `<nodeId> <bootId>`) is written once, when the room is
 *   first opened, and holds while the room lives, whichever server asks.
 * - Each server keeps `server:<serverId>` alive while it runs; a node closes the rooms whose server has
 *   been gone longer than a participant's reconnect grace (no server will ever close them).
 * - Requests go by pub/sub to `req:<nodeId>`, each with an id and the asking server's id; the reply goes
 *   to `reply:<serverId>`. Events of a room (producer and consumer closes, quality samples, media lost)
 *   go to `events:<serverId>` of the server that opened the room last.
 *
 * Every message is parsed on arrival on both sides; nothing crosses unparsed.
 */
export const SFU_KEY_PREFIX = 'kanava:sfu:';

export const sfuKeys = {
  nodes: `${SFU_KEY_PREFIX}nodes`,
  node: (nodeId: string) => `${SFU_KEY_PREFIX}node:${nodeId}`,
  room: (roomId: string) => `${SFU_KEY_PREFIX}room:${roomId}`,
  requests: (nodeId: string) => `${SFU_KEY_PREFIX}req:${nodeId}`,
  replies: (serverId: string) => `${SFU_KEY_PREFIX}reply:${serverId}`,
  events: (serverId: string) => `${SFU_KEY_PREFIX}events:${serverId}`,
  /** A server's own heartbeat: a node closes the rooms of a server gone for good (nobody else will). */
  server: (serverId: string) => `${SFU_KEY_PREFIX}server:${serverId}`,
};

/** Node and server ids appear in Redis keys and channel names. */
export const SfuNodeIdSchema = z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, 'letters, digits, dot, dash and underscore, at most 64');

export const NodeLoadSchema = z.object({
  workers: z.number().int().nonnegative(),
  rooms: z.number().int().nonnegative(),
  transports: z.number().int().nonnegative(),
  producers: z.number().int().nonnegative(),
  consumers: z.number().int().nonnegative(),
  /** CPU time the node's workers have used in total (seconds). */
  workerCpuSeconds: z.number().nonnegative(),
  /** Average use of the node's workers over the last heartbeat period (0–100 per worker). */
  cpuPercent: z.number().nonnegative(),
});
export type NodeLoad = z.infer<typeof NodeLoadSchema>;

export const HeartbeatSchema = z.object({
  nodeId: SfuNodeIdSchema,
  /** New at every start: a node that restarted under the same id has lost its rooms all the same. */
  bootId: z.string().min(1).max(64),
  at: z.number().int(),
  load: NodeLoadSchema,
});
export type Heartbeat = z.infer<typeof HeartbeatSchema>;

export const PlacementSchema = z
  .string()
  .transform((v) => v.split(' '))
  .pipe(z.tuple([SfuNodeIdSchema, z.string().min(1)]))
  .transform(([nodeId, bootId]) => ({ nodeId, bootId }));
export type Placement = z.infer<typeof PlacementSchema>;
export const placementValue = (p: Placement): string => `${p.nodeId} ${p.bootId}`;
/** Deletes KEYS[1] only while it still holds ARGV[1]: a placement someone else rewrote stays. */
export const DELETE_IF_EQUAL = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end`;

const TransportInfoSchema = z.object({
  id: TransportIdSchema,
  iceParameters: IceParametersSchema,
  iceCandidates: z.array(IceCandidateSchema),
  dtlsParameters: DtlsParametersSchema,
});
const ConsumerInfoSchema = z.object({
  consumerId: ConsumerIdSchema,
  producerId: ProducerIdSchema,
  kind: MediaKindSchema,
  rtpParameters: RtpParametersSchema,
  producerPaused: z.boolean(),
});
const MeasuredDownlinkSchema = z.object({ kbps: z.number().finite().nonnegative(), atCeiling: z.boolean() });
const empty = z.undefined().or(z.null()).transform(() => undefined);
const roomPeer = { roomId: RoomIdSchema, peerId: PeerIdSchema };
const probe = { probeId: PrecheckIdSchema };

/** Every request a node serves: what it takes and what it answers, both parsed. */
export const sfuMethods = {
  openRoom: { params: z.object({ roomId: RoomIdSchema }), result: z.object({ rtpCapabilities: RtpCapabilitiesSchema }) },
  closeRoom: { params: z.object({ roomId: RoomIdSchema }), result: empty },
  createTransport: {
    params: z.object({ ...roomPeer, direction: TransportDirectionSchema, downlink: MeasuredDownlinkSchema.optional() }),
    result: TransportInfoSchema,
  },
  connectTransport: { params: z.object({ ...roomPeer, transportId: TransportIdSchema, dtlsParameters: DtlsParametersSchema }), result: empty },
  restartIce: { params: z.object({ ...roomPeer, transportId: TransportIdSchema }), result: IceParametersSchema },
  produce: {
    params: z.object({
      ...roomPeer,
      transportId: TransportIdSchema,
      kind: MediaKindSchema,
      source: MediaSourceSchema,
      rtpParameters: RtpParametersSchema,
      paused: z.boolean(),
    }),
    result: z.object({ producerId: ProducerIdSchema }),
  },
  setProducerPaused: { params: z.object({ ...roomPeer, producerId: ProducerIdSchema, paused: z.boolean() }), result: empty },
  closeProducer: { params: z.object({ ...roomPeer, producerId: ProducerIdSchema }), result: empty },
  consume: {
    params: z.object({ ...roomPeer, transportId: TransportIdSchema, producerId: ProducerIdSchema, rtpCapabilities: RtpCapabilitiesSchema }),
    result: ConsumerInfoSchema,
  },
  resumeConsumer: { params: z.object({ ...roomPeer, consumerId: ConsumerIdSchema }), result: empty },
  closePeer: { params: z.object(roomPeer), result: empty },
  openProbe: {
    params: z.object(probe),
    result: z.object({ rtpCapabilities: RtpCapabilitiesSchema, send: TransportInfoSchema, recv: TransportInfoSchema }),
  },
  connectProbe: { params: z.object({ ...probe, transportId: TransportIdSchema, dtlsParameters: DtlsParametersSchema }), result: empty },
  probeUpload: { params: z.object({ ...probe, rtpParameters: RtpParametersSchema }), result: z.object({ producerId: ProducerIdSchema }) },
  measureProbeUpload: {
    params: z.object({ ...probe, startKbps: z.number().finite().nonnegative(), maxDurationMs: z.number().int().positive(), overTcp: z.boolean().optional() }),
    result: ProbeUploadResultSchema,
  },
  probeDownload: { params: z.object({ ...probe, rtpCapabilities: RtpCapabilitiesSchema }), result: ConsumerInfoSchema },
  runProbeDownload: {
    params: z.object({ ...probe, rateKbps: z.number().finite().positive(), durationMs: z.number().int().positive() }),
    result: ProbeDownloadResultSchema,
  },
  closeProbe: { params: z.object(probe), result: empty },
} as const;
export type SfuMethod = keyof typeof sfuMethods;
export const SfuMethodSchema = z.enum(Object.keys(sfuMethods) as [SfuMethod, ...SfuMethod[]]);
export type ParamsOf<M extends SfuMethod> = z.infer<(typeof sfuMethods)[M]['params']>;
export type ResultOf<M extends SfuMethod> = z.infer<(typeof sfuMethods)[M]['result']>;

/** Methods whose request names a room: the node remembers which server to send the room's events to. */
export const roomMethods: ReadonlySet<SfuMethod> = new Set([
  'openRoom', 'closeRoom', 'createTransport', 'connectTransport', 'restartIce', 'produce',
  'setProducerPaused', 'closeProducer', 'consume', 'resumeConsumer', 'closePeer',
]);

export const RequestEnvelopeSchema = z.object({
  id: z.string().min(1).max(64),
  from: SfuNodeIdSchema,
  method: SfuMethodSchema,
  params: z.unknown(),
});
export type RequestEnvelope = z.infer<typeof RequestEnvelopeSchema>;

export const ReplyEnvelopeSchema = z.discriminatedUnion('ok', [
  z.object({ id: z.string(), ok: z.literal(true), result: z.unknown() }),
  z.object({ id: z.string(), ok: z.literal(false), error: WireErrorSchema }),
]);
export type ReplyEnvelope = z.infer<typeof ReplyEnvelopeSchema>;

const nullableNumber = z.number().finite().nullable();
const PeerQualitySchema = z.object({
  peerId: PeerIdSchema,
  send: z
    .object({
      recvKbps: z.number().finite(),
      lossPct: nullableNumber,
      producers: z.array(
        z.object({
          producerId: ProducerIdSchema,
          kind: MediaKindSchema,
          source: MediaSourceSchema,
          paused: z.boolean(),
          score: nullableNumber,
          streams: z.array(z.object({ rid: z.string().nullable(), kbps: z.number().finite(), score: z.number().finite() })),
        }),
      ),
    })
    .nullable(),
  recv: z
    .object({
      sendKbps: z.number().finite(),
      availableOutgoingKbps: nullableNumber,
      consumers: z.array(
        z.object({
          consumerId: ConsumerIdSchema,
          producerId: ProducerIdSchema,
          kind: MediaKindSchema,
          score: z.number().finite(),
          producerScore: z.number().finite(),
          spatialLayer: nullableNumber,
          temporalLayer: nullableNumber,
          kbps: z.number().finite(),
        }),
      ),
    })
    .nullable(),
  rttMs: nullableNumber,
});

export const EventEnvelopeSchema = z.discriminatedUnion('event', [
  z.object({ event: z.literal('producerClosed'), payload: z.object({ ...roomPeer, producerId: ProducerIdSchema }) }),
  z.object({ event: z.literal('consumerClosed'), payload: z.object({ ...roomPeer, consumerId: ConsumerIdSchema }) }),
  z.object({ event: z.literal('roomMediaLost'), payload: z.object({ roomId: RoomIdSchema }) }),
  z.object({
    event: z.literal('qualitySampled'),
    payload: z.object({ roomId: RoomIdSchema, at: z.number(), peers: z.array(PeerQualitySchema) }),
  }),
]);
export type EventEnvelope = z.infer<typeof EventEnvelopeSchema>;

/** Parses a JSON message; undefined when it is not JSON or not of the schema. */
export function parseMessage<T>(schema: z.ZodType<T>, raw: string): T | undefined {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return undefined;
  }
  const parsed = schema.safeParse(json);
  return parsed.success ? parsed.data : undefined;
}
