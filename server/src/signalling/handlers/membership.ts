import { KanavaError, type ParticipantRole, type PointSlug } from '@kanava/shared';
import type { Participant } from '../../rooms/Participant.ts';
import type { PointRoom } from '../../rooms/PointRoom.ts';
import { channels } from '../channels.ts';
import type { HandlerContext } from '../context.ts';

/** The role a signed-in staff member has in this point's room, if they are staff of it at all. */
export async function staffRoleAt(ctx: HandlerContext, slug: PointSlug): Promise<Exclude<ParticipantRole, 'customer'> | undefined> {
  const staff = ctx.staff;
  if (!staff) return undefined;
  const points = await ctx.access.points.pointsOf(staff, new Date());
  const point = points.find((p) => p.slug === slug);
  if (!point) return undefined;
  return staff.roles.some((r) => r.kind === 'advisor' && r.pointId === point.id) ? 'advisor' : 'expert';
}

/** Binds this socket to the participant and subscribes it to the channels its role and state may hear. */
export async function attach(ctx: HandlerContext, room: PointRoom, participant: Participant): Promise<void> {
  ctx.session.state = { kind: 'joined', roomId: room.roomId, peerId: participant.peerId, pointId: room.point.id, role: participant.role };
  ctx.peers.attach(participant.peerId, ctx);
  const subscribe = [channels.peer(participant.peerId)];
  if (participant.role !== 'customer') subscribe.push(channels.staff(room.point.id));
  if (participant.role !== 'customer' && participant.staffUserId) subscribe.push(channels.staffMember(room.point.id, participant.staffUserId));
  if (participant.role === 'advisor') subscribe.push(channels.advisors(room.point.id));
  if (participant.state === 'inCall') subscribe.push(channels.call(room.roomId));
  await ctx.socket.join(subscribe);
}

/** Takes the socket's participant out of its room for good and frees their media; safe to call twice. */
export async function leaveCurrentRoom(ctx: HandlerContext): Promise<void> {
  const state = ctx.session.state;
  if (state.kind !== 'joined') return;
  ctx.session.state = { kind: 'idle' };
  const { roomId, peerId, pointId } = state;
  ctx.rooms.cancelGrace(peerId);
  ctx.peers.detach(peerId, ctx);
  await ctx.sfu.closePeer({ roomId, peerId });
  ctx.rooms.get(roomId)?.leave(peerId);
  const own = ctx.staff ? [channels.staffMember(pointId, ctx.staff.id)] : [];
  for (const channel of [channels.call(roomId), channels.peer(peerId), channels.staff(pointId), channels.advisors(pointId), ...own]) {
    await ctx.socket.leave(channel);
  }
  ctx.log.info({ roomId, peerId }, 'participant left');
  await ctx.rooms.releaseIfEmpty(roomId);
}

/**
 * The socket went away without saying goodbye. Media is closed now; the participant keeps
 * their place (and admission) for the grace period and may resume with their rejoin token.
 */
export async function connectionDropped(ctx: HandlerContext): Promise<void> {
  const state = ctx.session.state;
  if (state.kind !== 'joined') return;
  ctx.session.state = { kind: 'idle' };
  const { roomId, peerId } = state;
  ctx.peers.detach(peerId, ctx);
  await ctx.sfu.closePeer({ roomId, peerId });
  const room = ctx.rooms.get(roomId);
  if (!room) return;
  room.connectionLost(peerId);
  ctx.log.info({ roomId, peerId }, 'connection lost; holding the place');
  ctx.rooms.startGrace(room, peerId, async () => {
    room.leave(peerId);
    ctx.log.info({ roomId, peerId }, 'did not come back in time');
    await ctx.rooms.releaseIfEmpty(roomId);
  });
}

export function requireJoinedRoom(ctx: HandlerContext) {
  const joined = ctx.session.joined();
  const room = ctx.rooms.get(joined.roomId);
  if (!room) throw new KanavaError('notInRoom', 'the room has closed');
  return { ...joined, room };
}

/** The room may be released between opening and entering; retry until the live one is held. */
export async function openLiveRoom(ctx: HandlerContext, slug: PointSlug): Promise<PointRoom> {
  for (;;) {
    const room = await ctx.rooms.open(slug);
    if (ctx.rooms.get(room.roomId) === room) return room;
  }
}
