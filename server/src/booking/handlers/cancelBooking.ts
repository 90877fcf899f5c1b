import { KanavaError, type Booking, type BookingId, type StaffUser } from '@kanava/shared';
import { found } from '../../http/routes/support.ts';
import { nextBookingState } from '../bookingLifecycle.ts';
import { requireSeen } from '../bookingRows.ts';
import type { BookingContext } from '../context.ts';

/**
 * The point's advisor or the booking's expert cancels. The slot is freed at once; a
 * confirmed booking's expert gets a METHOD:CANCEL with the next SEQUENCE.
 */
export async function cancelBooking(ctx: BookingContext, user: StaffUser, id: BookingId, reason: string): Promise<Booking> {
  const now = ctx.now();
  const booking = await ctx.store.transaction(async (r) => {
    const row = requireSeen(user, await r.bookings.row(id));
    const from = row.state;
    const to = nextBookingState(from, 'cancel');
    const sequence = from === 'confirmed' ? row.sequence + 1 : row.sequence;
    if (!(await r.bookings.move(id, from, to, now, { sequence, cancel_reason: reason, held_until: null }))) {
      throw new KanavaError('invalidState', 'the booking changed meanwhile; reload it');
    }
    await r.bookings.release(id);
    await r.mail.voidPending(id, 'reminder');
    if (from === 'confirmed') await r.mail.enqueue({ bookingId: id, kind: 'cancel', sequence, dueAt: now }, now);
    // The customer's personal link stops working at once, and they are told.
    if (await r.links.revoke(id, 'cancelled', now)) await r.mail.enqueue({ bookingId: id, kind: 'homeCancel', sequence, dueAt: now }, now);
    await r.audit.record(user, { action: 'booking.cancelled', entity: 'booking', entityId: id, details: { from, reason } }, now);
    return found(await r.bookings.get(id), 'booking');
  });
  ctx.mailChanged();
  return booking;
}

