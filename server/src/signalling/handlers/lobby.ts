import { ServiceSession } from '../../rooms/ServiceSession.ts';
import type { RequestHandler } from '../context.ts';
import { requireJoinedRoom } from './membership.ts';

export const admit: RequestHandler<'lobby.admit'> = async (ctx, { peerId: customerId }) => {
  const { room, peerId, roomId } = requireJoinedRoom(ctx);
  const waitedSince = room.participant(customerId).arrivedAt;
  const by = room.assertMayAdmit(customerId, peerId);
  // Block mode: a customer whose check is below the minimum needs staff's recorded reason first (quality.override).
  ctx.quality.assertAdmissible(roomId, customerId);
  // A new session's record is stored before anything changes (chat and forms hang on it): if the
  // database is away, the request fails and the customer simply goes on waiting.
  const fresh = room.session ? undefined : new ServiceSession(by.displayName, new Date(), by.staffUserId);
  if (fresh) {
    await ctx.sessionRecords.started({
      id: fresh.id,
      pointId: room.point.id,
      admittedByName: fresh.admittedBy,
      admittedByAccountId: by.staffUserId,
      startedAt: fresh.startedAt,
    });
  }
  try {
    room.admit(customerId, peerId, fresh);
  } finally {
    // Someone else admitted (or started a session) while the record was stored: that record is closed unused.
    if (fresh && room.session !== fresh) {
      await ctx.sessionRecords.ended(fresh.id, new Date()).catch((err: unknown) => ctx.log.warn({ err, sessionId: fresh.id }, 'closing an unused session record failed'));
    }
  }
  ctx.metrics.admissions.inc();
  ctx.metrics.lobbyWaitSeconds.observe((Date.now() - waitedSince.getTime()) / 1000);
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
