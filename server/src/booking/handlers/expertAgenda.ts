import type { Agenda, StaffUser } from '@kanava/shared';
import { helsinkiDate } from '../../records/time.ts';
import type { BookingContext } from '../context.ts';
import { datesFrom, startOfDate } from '../slots.ts';

/** The signed-in expert's own bookings from a date (today by default) for some days: nobody else's. */
export async function expertAgenda(ctx: BookingContext, user: StaffUser, from: string | undefined, days: number): Promise<Agenda> {
  const today = helsinkiDate(ctx.now());
  const first = from ?? today;
  const end = datesFrom(first, days + 1)[days] ?? first;
  const bookings = await ctx.store.repos.bookings.list({
    expertId: user.id,
    from: startOfDate(first),
    to: startOfDate(end),
    states: ['confirmed', 'arrived', 'served', 'noShow', 'cancelled'],
  });
  return { today, from: first, days, bookings };
}
