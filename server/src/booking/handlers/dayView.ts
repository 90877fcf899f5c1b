import type { DayView, ServicePointId, StaffUser } from '@kanava/shared';
import { helsinkiDate } from '../../records/time.ts';
import type { BookingContext } from '../context.ts';
import { datesFrom, startOfDate } from '../slots.ts';
import { requireAdvisorOf } from '../steps.ts';

/** The advisor's day at the point: its bookings (held and lapsed holds left out) and who has arrived. */
export async function dayView(ctx: BookingContext, user: StaffUser, pointId: ServicePointId, date: string | undefined): Promise<DayView> {
  requireAdvisorOf(user, pointId);
  const today = helsinkiDate(ctx.now());
  const day = date ?? today;
  const next = datesFrom(day, 2)[1] ?? day;
  const range = { from: startOfDate(day), to: startOfDate(next) };
  const r = ctx.store.repos;
  return {
    date: day,
    today,
    bookings: await r.bookings.list({ pointId, ...range, states: ['confirmed', 'arrived', 'served', 'noShow', 'cancelled'] }),
    arrivals: await r.arrivals.list(pointId, range.from, range.to),
  };
}
