import type { Booking, NewHold, StaffUser } from '@kanava/shared';
import { helsinkiDate } from '../../records/time.ts';
import { newBookingRow, reread } from '../bookingRows.ts';
import type { BookingContext } from '../context.ts';
import { plusMinutes } from '../grid.ts';
import { assertFutureOnGrid, expertOf, loadBookablePoint, occupySlot, offeredSlot, requireAdvisorOf, serviceOfferedAt } from '../steps.ts';

/**
 * An advisor reserves a slot for a customer (`held`), then types the details and confirms.
 * Of many advisors reserving the same slot at once exactly one gets it: the others get
 * "slot taken" from the database's unique key, inside the transaction.
 */
export async function createHold(ctx: BookingContext, user: StaffUser, input: NewHold): Promise<Booking> {
  requireAdvisorOf(user, input.pointId);
  const now = ctx.now();
  const startsAt = new Date(input.startsAt);
  assertFutureOnGrid(startsAt, now);
  return ctx.store.transaction(async (r) => {
    const point = await loadBookablePoint(r, input.pointId);
    const { service, provider } = await serviceOfferedAt(r, point.id, input.serviceId, helsinkiDate(startsAt));
    await expertOf(r, input.expertId, provider.id);
    const slot = await offeredSlot(r, { point, service, expertId: input.expertId, startsAt });
    const row = newBookingRow({
      slot,
      pointId: point.id,
      providerId: provider.id,
      serviceId: service.id,
      state: 'held',
      heldUntil: plusMinutes(now, ctx.config.holdMinutes),
      customer: null,
      bookedBy: user,
      now,
    });
    await r.bookings.insert(row);
    await occupySlot(r, row.id, slot, now);
    await r.audit.record(user, { action: 'booking.held', entity: 'booking', entityId: row.id, details: { ...input } }, now);
    return reread(r, row.id);
  });
}
