import { KanavaError, type Booking, type BookingId, type StaffUser } from '@kanava/shared';
import { found } from '../../http/routes/support.ts';
import { helsinkiDate } from '../../records/time.ts';
import { nextBookingState } from '../bookingLifecycle.ts';
import type { BookingContext } from '../context.ts';
import { requireAdvisorOf } from '../steps.ts';

/**
 * The advisor marks a booked customer present. The arrival is what the lobby matches the
 * next waiting customer to, so the expert sees whose booking it is.
 */
export async function markArrived(ctx: BookingContext, user: StaffUser, id: BookingId): Promise<Booking> {
  const now = ctx.now();
  const booking = await ctx.store.transaction(async (r) => {
    const row = found(await r.bookings.row(id), 'booking');
    requireAdvisorOf(user, row.point_id);
    const from = row.state;
    const to = nextBookingState(from, 'arrive');
    const day = helsinkiDate(new Date(row.starts_at));
    if (day !== helsinkiDate(now)) throw new KanavaError('invalidState', `the booking is on ${day}; a customer arrives on the day of the booking`);
    if (!(await r.bookings.move(id, from, to, now))) throw new KanavaError('invalidState', 'the booking changed meanwhile; reload it');
    await r.arrivals.insert({
      id: crypto.randomUUID(),
      point_id: row.point_id,
      kind: 'booked',
      booking_id: row.id,
      provider_id: row.provider_id,
      service_id: row.service_id,
      arrived_at: now.toISOString(),
      marked_by: user.id,
      attached_peer_id: null,
      attached_at: null,
    });
    await r.audit.record(user, { action: 'booking.arrived', entity: 'booking', entityId: id }, now);
    return found(await r.bookings.get(id), 'booking');
  });
  // The customer may already be waiting at the kiosk: they are matched now, not only the next one to start waiting.
  await ctx.arrivalMarked?.(booking.point.id);
  return booking;
}
