import { randomUUID } from 'node:crypto';
import { KanavaError, PeerIdSchema, type PointSlug } from '@kanava/shared';
import type { PointRoom } from '../../rooms/PointRoom.ts';
import type { HandlerContext, RequestHandler } from '../context.ts';

export const getRouterCapabilities: RequestHandler<'room.getRouterCapabilities'> = async (ctx, { pointSlug }) => {
  const room = await openLiveRoom(ctx, pointSlug);
  const { rtpCapabilities } = await ctx.sfu.openRoom(room.roomId);
  return { routerRtpCapabilities: rtpCapabilities };
};

export const join: RequestHandler<'room.join'> = async (ctx, { pointSlug, displayName, rtpCapabilities }) => {
  if (ctx.session.state.kind === 'joined') {
    throw new KanavaError('alreadyInRoom', 'this connection is already in a room');
  }
  const room = await openLiveRoom(ctx, pointSlug);
  const peerId = PeerIdSchema.parse(randomUUID());
  const { peers, producers } = room.enter({ peerId, displayName, role: 'customer', rtpCapabilities });
  ctx.session.state = { kind: 'joined', roomId: room.roomId, peerId };
  await ctx.socket.join([room.roomId, peerChannel(peerId)]);
  ctx.log.info({ roomId: room.roomId, peerId }, 'participant joined');
  return { roomId: room.roomId, peerId, peers, producers };
};

export const leave: RequestHandler<'room.leave'> = async (ctx) => {
  await leaveCurrentRoom(ctx);
  return {};
};

/** Takes the socket's participant out of its room and frees their media; safe to call twice. */
export async function leaveCurrentRoom(ctx: HandlerContext): Promise<void> {
  const state = ctx.session.state;
  if (state.kind !== 'joined') return;
  ctx.session.state = { kind: 'idle' };
  const { roomId, peerId } = state;
  await ctx.sfu.closePeer({ roomId, peerId });
  const room = ctx.rooms.get(roomId);
  room?.leave(peerId);
  await ctx.socket.leave(roomId);
  await ctx.socket.leave(peerChannel(peerId));
  ctx.log.info({ roomId, peerId }, 'participant left');
  await ctx.rooms.releaseIfEmpty(roomId);
}

export function peerChannel(peerId: string): string {
  return `peer:${peerId}`;
}

/** The room may be released between opening and entering; retry until the live one is held. */
async function openLiveRoom(ctx: HandlerContext, slug: PointSlug): Promise<PointRoom> {
  for (;;) {
    const room = await ctx.rooms.open(slug);
    if (ctx.rooms.get(room.roomId) === room) return room;
  }
}
