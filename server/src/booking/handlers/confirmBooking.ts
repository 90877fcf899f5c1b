import { KanavaError, type Booking, type BookingId, type CustomerDetails, type FromHome, type StaffUser } from '@kanava/shared';
import { issueHomeLink } from '../links/issueHomeLink.ts';
import { nextBookingState } from '../bookingLifecycle.ts';
import { reread, scheduleInvitation } from '../bookingRows.ts';
import type { BookingContext } from '../context.ts';
import { requireAdvisorOf } from '../steps.ts';
import { found } from '../../http/routes/support.ts';

/**
 * The advisor writes the customer's details and confirms the held slot; the expert's
 * invitation is queued, and a customer who takes part from home gets their personal link.
 */
export async function confirmBooking(
  ctx: BookingContext,
  user: StaffUser,
  id: BookingId,
  customer: CustomerDetails,
  fromHome: FromHome | null = null,
): Promise<Booking> {
  const now = ctx.now();
  const outcome = await ctx.store.transaction(async (r) => {
    const row = found(await r.bookings.row(id), 'booking');
    requireAdvisorOf(user, row.point_id);
    nextBookingState(row.state, 'confirm');
    if (row.held_until !== null && new Date(row.held_until).getTime() <= now.getTime()) {
      // The hold lapsed: let the slot go now (kept by this commit), then tell the advisor.
      await r.bookings.move(id, 'held', nextBookingState('held', 'expire'), now, { held_until: null });
      await r.bookings.release(id);
      return { kind: 'expired' as const };
    }
    if (!(await r.bookings.move(id, 'held', 'confirmed', now, { held_until: null }))) {
      throw new KanavaError('invalidState', 'the booking changed meanwhile; reload it');
    }
    await r.bookings.setCustomer(id, customer);
    if (fromHome) await issueHomeLink(r, ctx.linkTokens, id, fromHome.email, now);
    await scheduleInvitation(r, { ...row, state: 'confirmed' }, ctx.config.reminderMinutes, now);
    await r.audit.record(user, { action: 'booking.confirmed', entity: 'booking', entityId: id, details: { startsAt: row.starts_at, expertId: row.expert_id, fromHome: fromHome !== null } }, now);
    return { kind: 'confirmed' as const, booking: await reread(r, id) };
  });
  if (outcome.kind === 'expired') throw new KanavaError('invalidState', `the hold expired after ${ctx.config.holdMinutes} minutes; pick the time again`);
  ctx.mailChanged();
  return outcome.booking;
}
