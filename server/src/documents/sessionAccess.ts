import { KanavaError, type EventName, type EventOf, type ServerToClientEvents, type Service, type ServicePointId, type StaffUser } from '@kanava/shared';
import { providersServedBy } from '../auth/permissions.ts';
import type { Records } from '../records/Records.ts';
import { helsinkiDate } from '../records/time.ts';
import { channels } from '../signalling/channels.ts';
import type { HandlerContext } from '../signalling/context.ts';
import { requireJoinedRoom } from '../signalling/handlers/membership.ts';

/**
 * Documents and forms belong to the running service session: only those in the call may
 * touch them, and only the session's own. Every handler starts here.
 */
export function inSession(ctx: HandlerContext) {
  const { room, peerId, roomId } = requireJoinedRoom(ctx);
  const me = room.assertMayUseMedia(peerId);
  const session = room.session;
  if (!session) throw new KanavaError('invalidState', 'documents and forms open when a customer is admitted');
  return { room, me, session, roomId };
}

/** As `inSession`, for what only the expert or advisor may do (share, present, open and submit forms). */
export function staffInSession(ctx: HandlerContext) {
  const s = inSession(ctx);
  if (s.me.role === 'customer' || !ctx.staff) throw new KanavaError('forbidden', 'only the expert or the advisor may do that');
  return { ...s, staff: ctx.staff };
}

/** Tells everyone else in the call (this socket's own answer is the ack). */
export function toOthersInCall<K extends EventName>(ctx: HandlerContext, event: K, payload: EventOf<K>): void {
  const { roomId } = ctx.session.joined();
  ctx.socket.to(channels.call(roomId)).emit(event, ...([payload] as Parameters<ServerToClientEvents[K]>));
}

/**
 * The services this staff member may serve at the point today: those of a valid agreement,
 * and for an expert only their own providers' (an advisor helps with every service of the point).
 */
export async function servicesAt(records: Records, pointId: ServicePointId, staff: StaffUser, role: 'expert' | 'advisor', now: Date): Promise<Service[]> {
  const agreements = await records.repos.agreements.validOn(helsinkiDate(now), { pointId });
  const own = providersServedBy(staff);
  const ids = agreements.filter((a) => role === 'advisor' || own.includes(a.providerId)).flatMap((a) => a.serviceIds);
  return records.repos.services.getMany([...new Set(ids)]);
}
