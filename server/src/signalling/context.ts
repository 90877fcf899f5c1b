import type { EventName, EventOf, ParsedRequestOf, RequestName, ResponseOf, ServerToClientEvents, UntrustedClientToServerEvents } from '@kanava/shared';
import type { SfuService } from '@kanava/sfu/api';
import type { Socket } from 'socket.io';
import type { Logger } from '../logger.ts';
import type { RoomRegistry } from '../rooms/RoomRegistry.ts';
import type { SocketSession } from './SocketSession.ts';

export type KanavaSocket = Socket<UntrustedClientToServerEvents, ServerToClientEvents>;

/** Everything a request handler may use; handlers get it, they never reach for globals. */
export interface HandlerContext {
  socket: KanavaSocket;
  session: SocketSession;
  rooms: RoomRegistry;
  sfu: SfuService;
  log: Logger;
  emit<K extends EventName>(event: K, payload: EventOf<K>): void;
}

export type RequestHandler<K extends RequestName> = (ctx: HandlerContext, request: ParsedRequestOf<K>) => Promise<ResponseOf<K>>;

export type HandlerTable = { [K in RequestName]: RequestHandler<K> };
