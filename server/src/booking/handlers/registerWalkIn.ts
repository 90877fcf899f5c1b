import type { Arrival, ServiceId, ServicePointId, StaffUser } from '@kanava/shared';
import { found } from '../../http/routes/support.ts';
import { helsinkiDate } from '../../records/time.ts';
import type { BookingContext } from '../context.ts';
import { loadBookablePoint, requireAdvisorOf, serviceOfferedAt } from '../steps.ts';

/** A customer without a booking: the advisor picks the provider's service; the lobby will show it. */
export async function registerWalkIn(ctx: BookingContext, user: StaffUser, pointId: ServicePointId, serviceId: ServiceId): Promise<Arrival> {
  requireAdvisorOf(user, pointId);
  const now = ctx.now();
  const arrival = await ctx.store.transaction(async (r) => {
    const point = await loadBookablePoint(r, pointId);
    const { service, provider } = await serviceOfferedAt(r, point.id, serviceId, helsinkiDate(now));
    const id = crypto.randomUUID();
    await r.arrivals.insert({
      id,
      point_id: point.id,
      kind: 'walkIn',
      booking_id: null,
      provider_id: provider.id,
      service_id: service.id,
      arrived_at: now.toISOString(),
      marked_by: user.id,
      attached_peer_id: null,
      attached_at: null,
    });
    await r.audit.record(user, { action: 'walkIn.registered', entity: 'arrival', entityId: id, details: { pointId, serviceId } }, now);
    return found(await r.arrivals.get(id), 'arrival');
  });
  // A customer already waiting unmatched gets it now.
  await ctx.arrivalMarked?.(pointId);
  return found(await ctx.store.repos.arrivals.get(arrival.id), 'arrival');
}
