import type { Server as HttpServer } from 'node:http';
import {
  HandshakeAuthSchema,
  KanavaError,
  PROTOCOL_VERSION,
  isRequestName,
  requests,
  type AckResult,
  type EventName,
  type EventOf,
  type PeerId,
  type RequestName,
  type ServerToClientEvents,
  type UntrustedClientToServerEvents,
  type WireError,
} from '@kanava/shared';
import type { SfuService } from '@kanava/sfu/api';
import { Server, type BroadcastOperator } from 'socket.io';
import type { ServicePointRepository } from '../db/ServicePointRepository.ts';
import type { Logger } from '../logger.ts';
import { createQualityService, type QualityOptions } from '../quality/createQualityService.ts';
import type { ChatRepository } from '../chat/ChatRepository.ts';
import type { KanavaMetrics } from '../metrics/metrics.ts';
import type { SurveyRepository } from '../survey/SurveyRepository.ts';
import { turnIceServers, type TurnConfig } from '../turn/turnCredentials.ts';
import type { RoomNotifier } from '../rooms/PointRoom.ts';
import type { ServiceSessionRepository } from '../sessions/ServiceSessionRepository.ts';
import { noArrivals, type ArrivalMatcher } from '../booking/LobbyArrivals.ts';
import type { SessionMaterial } from '../documents/material.ts';
import { RoomRegistry, type RoomRegistryOptions } from '../rooms/RoomRegistry.ts';
import { channels } from './channels.ts';
import type { Access, HandlerContext, HandlerSocket, KanavaServer, KanavaSocket, PeerSockets, SocketData } from './context.ts';
import type { ClusterNode } from '../cluster/ClusterNode.ts';
import { isDependencyUnavailable, unavailableError } from '../cluster/dependencyErrors.ts';
import { handlers } from './handlers/index.ts';
import { connectionDropped } from './handlers/membership.ts';
import { SocketSession } from './SocketSession.ts';
import { endedSessionOf, type EventRecorder } from '../events/EventRecorder.ts';


export interface Signalling {
  io: KanavaServer;
  rooms: RoomRegistry;
  /** Resolves when this node takes part in the cluster (at once on a single node). */
  ready: Promise<void>;
  close(): Promise<void>;
}

export interface SignallingDeps {
  sfu: SfuService;
  chat: ChatRepository;
  sessionRecords: ServiceSessionRepository;
  /** Which booking a waiting customer belongs to (the booking service); none when left out. */
  arrivals?: ArrivalMatcher;
  material: SessionMaterial;
  metrics: KanavaMetrics;
  surveys: SurveyRepository;
  turn: TurnConfig | undefined;
  points: ServicePointRepository;
  access: Access;
  log: Logger;
  rooms: RoomRegistryOptions;
  /** Quality policy source and incident store; the guide's values and memory when left out. */
  quality?: QualityOptions;
  /** Writes each ended session's service event (events/EventRecorder); none when left out. */
  serviceEvents?: Pick<EventRecorder, 'sessionEnded'>;
  /** Several server nodes sharing rooms through Redis; absent: this node holds every room itself. */
  cluster?: ClusterNode;
}

/** socket.io signalling: checks the protocol version, parses every request, answers with an ack result. */
export function createSignalling(http: HttpServer, deps: SignallingDeps): Signalling {
  const { sfu, points, access } = deps;
  const log = deps.log.child({ component: 'signalling' });
  const io: KanavaServer = new Server(http, {
    path: '/socket.io',
    serveClient: false,
    maxHttpBufferSize: 256 * 1024,
    pingInterval: 5_000,
    pingTimeout: 5_000,
  });
  if (deps.cluster) io.adapter(deps.cluster.adapter());

  const emitTo = <K extends EventName>(target: BroadcastOperator<ServerToClientEvents, SocketData>, event: K, payload: EventOf<K>) => {
    target.emit(event, ...([payload] as Parameters<ServerToClientEvents[K]>));
  };
  const notifier: RoomNotifier = {
    toCall(roomId, event, payload, except) {
      const target = except ? io.to(channels.call(roomId)).except(channels.peer(except)) : io.to(channels.call(roomId));
      emitTo(target, event, payload);
    },
    toPeer(peerId, event, payload) {
      emitTo(io.to(channels.peer(peerId)), event, payload);
    },
    toStaffOf(pointId, event, payload, exceptStaff = []) {
      const others = exceptStaff.map((id) => channels.staffMember(pointId, id));
      emitTo(others.length > 0 ? io.to(channels.staff(pointId)).except(others) : io.to(channels.staff(pointId)), event, payload);
    },
    toStaffMemberOf(pointId, staffUserId, event, payload) {
      emitTo(io.to(channels.staffMember(pointId, staffUserId)), event, payload);
    },
    toAdvisorsOf(pointId, event, payload) {
      emitTo(io.to(channels.advisors(pointId)), event, payload);
    },
  };
  const rooms = new RoomRegistry(points, sfu, notifier, log, {
    ...deps.rooms,
    ...(deps.cluster ? { shared: deps.cluster.sharedRooms } : {}),
    onCustomerServed: (room, customer, session) => {
      // Sent at once (the customer's screen is about to show the end); stored alongside.
      const { token, stored } = deps.surveys.newInvitation(session.id, new Date());
      emitTo(io.to(channels.peer(customer.peerId)), 'surveyInvited', { token });
      stored.catch((err: unknown) => log.error({ err, roomId: room.roomId, sessionId: session.id }, 'storing the survey invitation failed'));
    },
    onSessionEnded: (room, session) => {
      deps.material
        .sessionEnded(session.id)
        .catch((err: unknown) => log.error({ err, roomId: room.roomId, sessionId: session.id }, 'storing the session’s forms failed'));
      deps.sessionRecords
        .ended(session.id, session.endedAt ?? new Date())
        .catch((err: unknown) => log.error({ err, roomId: room.roomId, sessionId: session.id }, 'closing the service session record failed'));
      // Quality first: the session's open incidents end and its summary is written, then its service event reads them.
      const qualityDone = quality.sessionEnded(room.roomId).catch((err: unknown) => log.error({ err, roomId: room.roomId, sessionId: session.id }, 'ending the session’s quality failed'));
      if (deps.serviceEvents) {
        const ended = endedSessionOf(room.point.id, session);
        const events = deps.serviceEvents;
        void qualityDone.then(() => events.sessionEnded(room.roomId, ended.session, ended.customerPeerIds));
      }
    },
  });
  const quality = createQualityService({ sfu, rooms, notifier, points, log }, deps.quality);

  const bound = new Map<PeerId, HandlerContext>();
  const peers: PeerSockets = {
    attach(peerId, ctx) {
      bound.set(peerId, ctx);
    },
    takeOver(peerId, ctx) {
      const previous = bound.get(peerId);
      if (previous && previous !== ctx) {
        // The old connection is a ghost (its device came back on a new one): it must not drop the participant.
        previous.session.state = { kind: 'idle' };
        previous.socket.disconnect(true);
      }
      bound.delete(peerId);
    },
    detach(peerId, ctx) {
      if (bound.get(peerId) === ctx) bound.delete(peerId);
    },
    release(peerId) {
      const ctx = bound.get(peerId);
      if (!ctx) return;
      bound.delete(peerId);
      const state = ctx.session.state;
      ctx.session.state = { kind: 'idle' };
      if (state.kind === 'joined') {
        void ctx.socket.leave(channels.call(state.roomId));
        void ctx.socket.leave(channels.peer(peerId));
      }
    },
  };

  sfu.on('producerClosed', ({ roomId, producerId }) => rooms.get(roomId)?.unpublished(producerId));
  sfu.on('consumerClosed', ({ peerId, consumerId }) => emitTo(io.to(channels.peer(peerId)), 'consumerClosed', { consumerId }));
  sfu.on('roomMediaLost', ({ roomId }) => {
    // Dropping the sockets starts the grace period: each participant resumes on fresh media.
    log.warn({ roomId }, 'media lost; participants reconnect');
    for (const [peerId, ctx] of bound) {
      if (ctx.session.state.kind === 'joined' && ctx.session.state.roomId === roomId) {
        log.info({ roomId, peerId }, 'disconnecting for media recovery');
        ctx.socket.disconnect(true);
      }
    }
  });

  io.use((socket, next) => {
    const auth = HandshakeAuthSchema.safeParse(socket.handshake.auth);
    if (!auth.success || auth.data.protocolVersion !== PROTOCOL_VERSION) {
      const err = new Error('protocolMismatch') as Error & { data?: WireError };
      err.data = { code: 'protocolMismatch', message: `this server speaks protocol ${PROTOCOL_VERSION}; reload the page` };
      next(err);
      return;
    }
    access.staff.fromCookieHeader(socket.handshake.headers.cookie).then(
      (staff) => {
        socket.data.staff = staff;
        next();
      },
      (err: unknown) => {
        log.error({ err }, 'resolving the staff session failed');
        next(new Error('internal'));
      },
    );
  });

  /** A handler context for a socket here, or (cluster) for a socket on another node whose room this node owns. */
  const contextFor = (socket: HandlerSocket, staff: HandlerContext['staff']): HandlerContext => ({
      socket,
      session: new SocketSession(),
      staff,
      rooms,
      sfu,
      access,
      peers,
      quality,
      chat: deps.chat,
      sessionRecords: deps.sessionRecords,
      arrivals: deps.arrivals ?? noArrivals,
      material: deps.material,
      metrics: deps.metrics,
      iceServers: () => turnIceServers(deps.turn, socket.id, new Date()),
      log: log.child({ socketId: socket.id, staffUserId: staff?.id }),
  });
  const cluster = deps.cluster;
  const started = cluster?.start({ io, rooms, contextFor, dispatch, connectionDropped });

  io.on('connection', (socket: KanavaSocket) => {
    const ctx = contextFor(socket, socket.data.staff);
    // Requests of one socket run one at a time, in order: a consumer is never resumed before it exists.
    let queue: Promise<void> = Promise.resolve();

    socket.onAny((event: unknown, ...args: unknown[]) => {
      const ack = args.at(-1);
      const payload = args.length >= 2 ? args[0] : undefined;
      if (typeof event !== 'string' || !isRequestName(event)) {
        ctx.log.warn({ event: String(event).slice(0, 64) }, 'unknown request');
        if (typeof ack === 'function') ack(failure(new KanavaError('unknownRequest', 'unknown request')));
        return;
      }
      if (typeof ack !== 'function') {
        ctx.log.warn({ event }, 'request without acknowledgement dropped');
        return;
      }
      queue = queue
        .then(() => (cluster ? cluster.handle(ctx, event, payload) : dispatch(ctx, event, payload)).then((result) => ack(result)))
        .catch((err: unknown) => ctx.log.error({ err, event }, 'acknowledgement failed'));
    });

    socket.on('disconnect', (reason) => {
      ctx.log.debug({ reason }, 'socket disconnected');
      queue = queue.then(() => (cluster ? cluster.dropped(ctx) : connectionDropped(ctx)).catch((err: unknown) => ctx.log.error({ err }, 'cleanup after disconnect failed')));
    });
  });

  return {
    io,
    rooms,
    ready: started ?? Promise.resolve(),
    async close() {
      quality.close();
      await started?.catch(() => undefined);
      await cluster?.stop();
      rooms.dispose();
      await io.close();
    },
  };
}

async function dispatch(ctx: HandlerContext, name: RequestName, payload: unknown): Promise<AckResult<unknown>> {
  const parsed = requests[name].request.safeParse(payload);
  if (!parsed.success) {
    const detail = parsed.error.issues
      .slice(0, 3)
      .map((i) => `${i.path.join('.') || 'payload'}: ${i.message}`)
      .join('; ');
    return failure(new KanavaError('badRequest', detail));
  }
  try {
    const handler = handlers[name] as (ctx: HandlerContext, req: unknown) => Promise<unknown>;
    const data = requests[name].response.parse(await handler(ctx, parsed.data));
    return { ok: true, data };
  } catch (err) {
    if (err instanceof KanavaError) {
      ctx.log.info({ request: name, code: err.code, msg: err.message }, 'request refused');
      return failure(err);
    }
    if (isDependencyUnavailable(err)) {
      // The database (or Redis) is away: a clear answer the client may retry; the change was not written.
      ctx.log.warn({ request: name, err }, 'request failed: a dependency is unreachable');
      return failure(unavailableError());
    }
    ctx.log.error({ request: name, err }, 'request failed');
    return failure(new KanavaError('internal', 'something went wrong on the server'));
  }
}

function failure(err: KanavaError): AckResult<never> {
  return { ok: false, error: err.toWire() };
}
