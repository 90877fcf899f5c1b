import type { z } from 'zod';
import { KanavaError, type Booking, type BookingId, type RescheduleBookingSchema, type StaffUser, type StaffUserId } from '@kanava/shared';
import { found } from '../../http/routes/support.ts';
import { helsinkiDate } from '../../records/time.ts';
import { nextBookingState } from '../bookingLifecycle.ts';
import { newBookingRow, reread, scheduleInvitation } from '../bookingRows.ts';
import type { BookingContext } from '../context.ts';
import { issueHomeLink } from '../links/issueHomeLink.ts';
import { assertFutureOnGrid, expertOf, loadBookablePoint, occupySlot, offeredSlot, requireAdvisorOf, serviceOfferedAt } from '../steps.ts';

/**
 * Moves a confirmed booking to another free slot. The old row ends `rescheduled`; the new one
 * is `confirmed` at once (the customer's details carry over) and continues the same calendar
 * event: same UID, SEQUENCE + 1, so the expert's calendar moves the event instead of adding one.
 */
export async function rescheduleBooking(
  ctx: BookingContext,
  user: StaffUser,
  id: BookingId,
  input: z.output<typeof RescheduleBookingSchema>,
): Promise<Booking> {
  const now = ctx.now();
  const startsAt = new Date(input.startsAt);
  assertFutureOnGrid(startsAt, now);
  const booking = await ctx.store.transaction(async (r) => {
    const old = found(await r.bookings.row(id), 'booking');
    requireAdvisorOf(user, old.point_id);
    const oldState = old.state;
    const to = nextBookingState(oldState, 'reschedule');
    const point = await loadBookablePoint(r, old.point_id);
    const { service, provider } = await serviceOfferedAt(r, point.id, old.service_id, helsinkiDate(startsAt));
    const expertId = input.expertId ?? old.expert_id;
    await expertOf(r, expertId, provider.id);
    const slot = await offeredSlot(r, { point, service, expertId, startsAt });
    const customer = { name: old.customer_name ?? '', contact: old.customer_contact ?? '', note: old.customer_note ?? '' };
    const row = newBookingRow({ slot, pointId: point.id, providerId: provider.id, serviceId: service.id, state: 'confirmed', heldUntil: null, customer, bookedBy: user, now, continues: old });
    // The old time is let go first: moving a booking by a quarter of an hour may overlap itself.
    await r.bookings.release(old.id);
    await r.bookings.insert(row);
    if (!(await r.bookings.move(id, oldState, to, now, { rescheduled_to: row.id }))) {
      throw new KanavaError('invalidState', 'the booking changed meanwhile; reload it');
    }
    await occupySlot(r, row.id, slot, now);
    await r.mail.voidPending(old.id, 'reminder');
    // Another expert takes over: the first one's calendar must drop the event.
    if (expertId !== old.expert_id) await r.mail.enqueue({ bookingId: old.id, kind: 'cancel', sequence: row.sequence, dueAt: now }, now);
    await scheduleInvitation(r, row, ctx.config.reminderMinutes, now);
    // A customer at home: the old link stops (it says the booking moved), a new one goes out for the new time.
    const link = await r.links.forBooking(old.id);
    if (link) {
      await r.links.revoke(old.id, 'moved', now);
      await issueHomeLink(r, ctx.linkTokens, row.id, link.email, now);
    }
    await r.audit.record(user, { action: 'booking.rescheduled', entity: 'booking', entityId: old.id, details: { to: row.id, startsAt: row.starts_at, expertId } }, now);
    return reread(r, row.id);
  });
  ctx.mailChanged();
  return booking;
}
