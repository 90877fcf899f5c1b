import type {
  IceServer,
  ParsedRequestOf,
  PeerId,
  RequestName,
  ResponseOf,
  ServerToClientEvents,
  StaffUser,
  UntrustedClientToServerEvents,
} from '@kanava/shared';
import type { SfuService } from '@kanava/sfu/api';
import type { BroadcastOperator, Server, Socket } from 'socket.io';
import type { PointAccess, StaffAuthenticator } from '../access/AccessPolicy.ts';
import type { Logger } from '../logger.ts';
import type { QualityService } from '../quality/QualityService.ts';
import type { ChatRepository } from '../chat/ChatRepository.ts';
import type { KanavaMetrics } from '../metrics/metrics.ts';
import type { RoomRegistry } from '../rooms/RoomRegistry.ts';
import type { ServiceSessionRepository } from '../sessions/ServiceSessionRepository.ts';
import type { ArrivalMatcher } from '../booking/LobbyArrivals.ts';
import type { SessionMaterial } from '../documents/material.ts';
import type { SocketSession } from './SocketSession.ts';

export interface SocketData {
  /** The signed-in staff member, resolved from the session cookie at connect; undefined for customers. */
  staff: StaffUser | undefined;
}

export type KanavaSocket = Socket<UntrustedClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
export type KanavaServer = Server<UntrustedClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

/**
 * What handlers do with their socket. A socket connected to another server node offers the
 * same through the Redis adapter (cluster/RemoteSocket.ts), so the room's owner runs its requests.
 */
export interface HandlerSocket {
  readonly id: string;
  join(channels: string | string[]): Promise<void> | void;
  leave(channel: string): Promise<void> | void;
  disconnect(close?: boolean): unknown;
  /** Everyone in the channel but this socket. */
  to(channel: string): BroadcastOperator<ServerToClientEvents, SocketData>;
  once(event: 'disconnect', listener: () => void): unknown;
}

export interface Access {
  staff: StaffAuthenticator;
  points: PointAccess;
}

/** Which socket carries each participant now; a resumed participant's old socket is let go. */
export interface PeerSockets {
  attach(peerId: PeerId, ctx: HandlerContext): void;
  /** Detaches the participant from any other socket (it must no longer speak or be dropped for them). */
  takeOver(peerId: PeerId, ctx: HandlerContext): void;
  detach(peerId: PeerId, ctx: HandlerContext): void;
  /** The participant was removed by the room: their socket is no longer in it (it stays connected). */
  release(peerId: PeerId): void;
}

/** Everything a request handler may use; handlers get it, they never reach for globals. */
export interface HandlerContext {
  socket: HandlerSocket;
  session: SocketSession;
  staff: StaffUser | undefined;
  rooms: RoomRegistry;
  sfu: SfuService;
  access: Access;
  peers: PeerSockets;
  chat: ChatRepository;
  sessionRecords: ServiceSessionRepository;
  /** Matches a waiting customer to the booking or walk-in the advisor marked arrived. */
  arrivals: ArrivalMatcher;
  /** Shared documents and co-edited forms of the service session (issue 6). */
  material: SessionMaterial;
  metrics: KanavaMetrics;
  /** STUN/TURN servers for this connection's transports, with fresh time-limited credentials. */
  iceServers(): IceServer[];
  /** The pre-call check and the call's quality monitor (issue 9). */
  quality: QualityService;
  log: Logger;
}

export type RequestHandler<K extends RequestName> = (ctx: HandlerContext, request: ParsedRequestOf<K>) => Promise<ResponseOf<K>>;

export type HandlerTable = { [K in RequestName]: RequestHandler<K> };
