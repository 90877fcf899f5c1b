import type { Booking, BookingId, StaffUser } from '@kanava/shared';
import { found } from '../../http/routes/support.ts';
import { requireSeen } from '../bookingRows.ts';
import type { BookingContext } from '../context.ts';

export async function getBooking(ctx: BookingContext, user: StaffUser, id: BookingId): Promise<Booking> {
  requireSeen(user, await ctx.store.repos.bookings.row(id));
  return found(await ctx.store.repos.bookings.get(id), 'booking');
}
