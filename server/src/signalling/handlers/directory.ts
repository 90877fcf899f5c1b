import { KanavaError } from '@kanava/shared';
import { channels } from '../channels.ts';
import type { RequestHandler } from '../context.ts';

/** A staff member's directory of point rooms: their live state now, and every change from now on. */
export const watchDirectory: RequestHandler<'directory.watch'> = async (ctx) => {
  const staff = ctx.staff;
  if (!staff) throw new KanavaError('forbidden', 'sign in to see the rooms');
  const points = await ctx.access.points.pointsOf(staff, new Date());
  const subscribe: string[] = [];
  for (const point of points) {
    subscribe.push(channels.staff(point.id), channels.staffMember(point.id, staff.id));
    if (staff.roles.some((r) => r.kind === 'advisor' && r.pointId === point.id)) subscribe.push(channels.advisors(point.id));
  }
  await ctx.socket.join(subscribe);
  // Rooms held by other server nodes too (cluster): their state comes from Redis.
  return { rooms: await ctx.rooms.liveStates(points, staff.id) };
};
