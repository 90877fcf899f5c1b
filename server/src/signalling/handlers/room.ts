import { randomUUID } from 'node:crypto';
import { KanavaError, PeerIdSchema } from '@kanava/shared';
import { channels } from '../channels.ts';
import type { RequestHandler } from '../context.ts';
import { attach, leaveCurrentRoom, openLiveRoom, requireJoinedRoom, staffRoleAt } from './membership.ts';

export const getRouterCapabilities: RequestHandler<'room.getRouterCapabilities'> = async (ctx, { pointSlug }) => {
  const room = await openLiveRoom(ctx, pointSlug);
  const { rtpCapabilities } = await ctx.sfu.openRoom(room.roomId);
  return { routerRtpCapabilities: rtpCapabilities };
};

/** Staff of the point go straight into the call; a customer with the kiosk link waits in the lobby. */
export const join: RequestHandler<'room.join'> = async (ctx, req) => {
  if (ctx.session.state.kind === 'joined') throw new KanavaError('alreadyInRoom', 'this connection is already in a room');
  const staffRole = await staffRoleAt(ctx, req.pointSlug);
  // A customer at home: their booking's personal link instead of the kiosk token.
  const home = !staffRole && req.bookingLink ? await ctx.arrivals.checkHomeLink(req.pointSlug, req.bookingLink) : undefined;
  if (home && !home.ok) throw new KanavaError('forbidden', `this booking link does not open the room now (${home.status})`);
  if (!staffRole && !home?.ok && !(req.kioskToken && (await ctx.access.points.verifyKioskToken(req.pointSlug, req.kioskToken)))) {
    throw new KanavaError('forbidden', 'this link does not open the service point; use the point’s own link or sign in');
  }
  const room = await openLiveRoom(ctx, req.pointSlug);
  const peerId = PeerIdSchema.parse(randomUUID());
  if (staffRole && ctx.staff) {
    const { participant, rejoinToken, view } = room.enterAsStaff({
      peerId,
      displayName: ctx.staff.displayName,
      role: staffRole,
      staffUserId: ctx.staff.id,
      rtpCapabilities: req.rtpCapabilities,
    });
    await attach(ctx, room, participant);
    ctx.log.info({ roomId: room.roomId, peerId, role: staffRole }, 'staff joined the call');
    return { admission: 'inCall', roomId: room.roomId, peerId, role: staffRole, rejoinToken, ...view };
  }
  // The booking (or walk-in) the advisor marked arrived: the staff see whose time this is.
  const booking = home?.ok ? await ctx.arrivals.claimHome(room.point.id, peerId, home.bookingId) : await ctx.arrivals.claimFor(room.point.id, peerId);
  const { participant, rejoinToken } = room.enterLobby({
    peerId,
    displayName: req.displayName,
    role: 'customer',
    staffUserId: undefined,
    rtpCapabilities: req.rtpCapabilities,
    booking,
  });
  await attach(ctx, room, participant);
  ctx.log.info({ roomId: room.roomId, peerId }, 'customer waiting in the lobby');
  return { admission: 'lobby', roomId: room.roomId, peerId, role: 'customer', rejoinToken, waitingSince: participant.arrivedAt.toISOString(), admitted: false };
};

/** The same participant again after a dropped connection: same place, same admission, new media. */
export const resume: RequestHandler<'room.resume'> = async (ctx, { pointSlug, rejoinToken, rtpCapabilities }) => {
  if (ctx.session.state.kind === 'joined') throw new KanavaError('alreadyInRoom', 'this connection is already in a room');
  const room = await ctx.rooms.find(pointSlug);
  if (!room) throw new KanavaError('notInRoom', 'that participation has ended');
  const participant = room.resume(rejoinToken);
  ctx.rooms.cancelGrace(participant.peerId);
  ctx.peers.takeOver(participant.peerId, ctx);
  await ctx.sfu.closePeer({ roomId: room.roomId, peerId: participant.peerId });
  participant.rtpCapabilities = rtpCapabilities;
  await attach(ctx, room, participant);
  ctx.log.info({ roomId: room.roomId, peerId: participant.peerId, state: participant.state }, 'participant resumed');
  const base = { roomId: room.roomId, peerId: participant.peerId, rejoinToken };
  if (participant.state === 'inCall') {
    return { admission: 'inCall', ...base, role: participant.role, ...room.inCallView(participant.peerId) };
  }
  if (participant.role === 'customer' && (participant.state === 'lobby' || participant.state === 'admitted')) {
    return { admission: 'lobby', ...base, role: 'customer', waitingSince: participant.arrivedAt.toISOString(), admitted: participant.state === 'admitted' };
  }
  throw new KanavaError('notInRoom', 'that participation has ended');
};

export const enterCall: RequestHandler<'room.enterCall'> = async (ctx) => {
  const { room, peerId, roomId } = requireJoinedRoom(ctx);
  const view = room.enterCall(peerId);
  await ctx.socket.join(channels.call(roomId));
  ctx.log.info({ roomId, peerId }, 'customer entered the call');
  return view;
};

export const leave: RequestHandler<'room.leave'> = async (ctx) => {
  await leaveCurrentRoom(ctx);
  return {};
};

export const callAdvisor: RequestHandler<'room.callAdvisor'> = async (ctx) => {
  const { room, peerId, roomId } = requireJoinedRoom(ctx);
  room.callAdvisor(peerId);
  ctx.log.info({ roomId, peerId }, 'customer called the advisor');
  return {};
};
