import type { Server as HttpServer } from 'node:http';
import {
  HandshakeAuthSchema,
  KanavaError,
  PROTOCOL_VERSION,
  isRequestName,
  requests,
  type AckResult,
  type RequestName,
  type ServerToClientEvents,
  type UntrustedClientToServerEvents,
  type WireError,
} from '@kanava/shared';
import type { SfuService } from '@kanava/sfu/api';
import { Server } from 'socket.io';
import type { Logger } from '../logger.ts';
import type { RoomNotifier } from '../rooms/PointRoom.ts';
import { RoomRegistry } from '../rooms/RoomRegistry.ts';
import type { ServicePointRepository } from '../db/ServicePointRepository.ts';
import type { HandlerContext, KanavaSocket } from './context.ts';
import { handlers } from './handlers/index.ts';
import { leaveCurrentRoom, peerChannel } from './handlers/room.ts';
import { SocketSession } from './SocketSession.ts';

export interface Signalling {
  io: Server<UntrustedClientToServerEvents, ServerToClientEvents>;
  rooms: RoomRegistry;
  close(): Promise<void>;
}

/** socket.io signalling: checks the protocol version, parses every request, answers with an ack result. */
export function createSignalling(http: HttpServer, deps: { sfu: SfuService; points: ServicePointRepository; log: Logger }): Signalling {
  const { sfu, points } = deps;
  const log = deps.log.child({ component: 'signalling' });
  const io = new Server<UntrustedClientToServerEvents, ServerToClientEvents>(http, {
    path: '/socket.io',
    serveClient: false,
    maxHttpBufferSize: 256 * 1024,
    pingInterval: 10_000,
    pingTimeout: 10_000,
  });

  const notifier: RoomNotifier = {
    toRoom(roomId, event, payload, except) {
      const target = except ? io.to(roomId).except(peerChannel(except)) : io.to(roomId);
      target.emit(event, ...([payload] as Parameters<ServerToClientEvents[typeof event]>));
    },
  };
  const rooms = new RoomRegistry(points, sfu, notifier, log);

  sfu.on('producerClosed', ({ roomId, producerId }) => rooms.get(roomId)?.unpublished(producerId));
  sfu.on('consumerClosed', ({ peerId, consumerId }) => io.to(peerChannel(peerId)).emit('consumerClosed', { consumerId }));
  sfu.on('roomMediaLost', ({ roomId }) => {
    log.warn({ roomId }, 'media lost; participants reconnect');
    io.in(roomId).disconnectSockets(true);
  });

  io.use((socket, next) => {
    const auth = HandshakeAuthSchema.safeParse(socket.handshake.auth);
    if (!auth.success || auth.data.protocolVersion !== PROTOCOL_VERSION) {
      const err = new Error('protocolMismatch') as Error & { data?: WireError };
      err.data = { code: 'protocolMismatch', message: `this server speaks protocol ${PROTOCOL_VERSION}; reload the page` };
      next(err);
      return;
    }
    next();
  });

  io.on('connection', (socket: KanavaSocket) => {
    const session = new SocketSession();
    const ctx: HandlerContext = {
      socket,
      session,
      rooms,
      sfu,
      log: log.child({ socketId: socket.id }),
      emit: (event, payload) => socket.emit(event, ...([payload] as Parameters<ServerToClientEvents[typeof event]>)),
    };
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
        .then(() => dispatch(ctx, event, payload).then((result) => ack(result)))
        .catch((err: unknown) => ctx.log.error({ err, event }, 'acknowledgement failed'));
    });

    socket.on('disconnect', (reason) => {
      queue = queue.then(() =>
        leaveCurrentRoom(ctx).catch((err: unknown) => ctx.log.error({ err }, 'cleanup after disconnect failed')),
      );
      ctx.log.debug({ reason }, 'socket disconnected');
    });
  });

  return {
    io,
    rooms,
    async close() {
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
    ctx.log.error({ request: name, err }, 'request failed');
    return failure(new KanavaError('internal', 'something went wrong on the server'));
  }
}

function failure(err: KanavaError): AckResult<never> {
  return { ok: false, error: err.toWire() };
}
