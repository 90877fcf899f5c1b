import type { RequestHandler } from '../context.ts';
import { requireJoinedRoom } from './membership.ts';

export const admit: RequestHandler<'lobby.admit'> = async (ctx, { peerId: customerId }) => {
  const { room, peerId, roomId } = requireJoinedRoom(ctx);
  const before = room.session;
  const waitedSince = room.participant(customerId).arrivedAt;
  // Block mode: a customer whose check is below the minimum needs staff's recorded reason first (quality.override).
  ctx.quality.assertAdmissible(roomId, customerId);
  room.admit(customerId, peerId);
  ctx.metrics.admissions.inc();
  ctx.metrics.lobbyWaitSeconds.observe((Date.now() - waitedSince.getTime()) / 1000);
  const session = room.session;
  if (session && session !== before) {
    // Stored before anyone can chat in it: its material hangs on this record.
    await ctx.sessionRecords.started({
      id: session.id,
      pointId: room.point.id,
      admittedByName: session.admittedBy,
      admittedByAccountId: room.participant(peerId).staffUserId,
      startedAt: session.startedAt,
    });
  }
  if (room.participant(customerId).booking) await ctx.arrivals.admitted(room.point.id, customerId);
  ctx.log.info({ roomId, peerId, customerId, sessionId: room.session?.id }, 'customer admitted');
  return {};
};

export const decline: RequestHandler<'lobby.decline'> = async (ctx, { peerId: customerId, reason }) => {
  const { room, peerId, roomId } = requireJoinedRoom(ctx);
  room.decline(customerId, peerId, reason);
  ctx.metrics.declines.inc();
  ctx.log.info({ roomId, peerId, customerId }, 'customer declined');
  await ctx.rooms.releaseIfEmpty(roomId);
  return {};
};

/** The expert ends the service; the customers' media is closed and their sockets leave the call. */
export const endSession: RequestHandler<'session.end'> = async (ctx) => {
  const { room, peerId, roomId } = requireJoinedRoom(ctx);
  const sessionId = room.session?.id;
  const customers = room.endSession(peerId);
  for (const customerId of customers) {
    ctx.rooms.cancelGrace(customerId);
    await ctx.sfu.closePeer({ roomId, peerId: customerId });
    ctx.peers.release(customerId);
  }
  ctx.log.info({ roomId, peerId, sessionId }, 'service session ended by the expert');
  return {};
};
