import { KanavaError, type Booking, type BookingId, type StaffUser } from '@kanava/shared';
import { found } from '../../http/routes/support.ts';
import { nextBookingState } from '../bookingLifecycle.ts';
import type { BookingContext } from '../context.ts';
import { requireAdvisorOf } from '../steps.ts';

/** The customer did not come. Only once the time has begun; the time stays used. */
export async function markNoShow(ctx: BookingContext, user: StaffUser, id: BookingId): Promise<Booking> {
  const now = ctx.now();
  return ctx.store.transaction(async (r) => {
    const row = found(await r.bookings.row(id), 'booking');
    requireAdvisorOf(user, row.point_id);
    const from = row.state;
    const to = nextBookingState(from, 'markNoShow');
    if (new Date(row.starts_at).getTime() > now.getTime()) throw new KanavaError('invalidState', 'the booked time has not begun yet');
    if (!(await r.bookings.move(id, from, to, now))) throw new KanavaError('invalidState', 'the booking changed meanwhile; reload it');
    await r.mail.voidPending(id, 'reminder');
    await r.audit.record(user, { action: 'booking.noShow', entity: 'booking', entityId: id }, now);
    return found(await r.bookings.get(id), 'booking');
  });
}
