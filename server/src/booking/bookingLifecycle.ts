import { KanavaError, bookingTransitions, type BookingEvent, type BookingState } from '@kanava/shared';

/**
 * The booking state machine: `held → confirmed → (cancelled | rescheduled | arrived → served |
 * noShow)`, plus `held → expired | cancelled`. The table lives in `shared/` so that the
 * client offers exactly the buttons the server accepts; this is the one place that moves a
 * booking, and a move the table does not allow is a 409 naming both states.
 */
export function nextBookingState(from: BookingState, event: BookingEvent): BookingState {
  const to = bookingTransitions[from][event];
  if (!to) throw new KanavaError('invalidState', `a ${from} booking cannot be ${pastTense[event]}`);
  return to;
}

const pastTense: Record<BookingEvent, string> = {
  confirm: 'confirmed',
  expire: 'expired',
  cancel: 'cancelled',
  reschedule: 'rescheduled',
  arrive: 'marked arrived',
  serve: 'marked served',
  markNoShow: 'marked as a no-show',
};

/** States in which a booking still occupies its expert's time. */
export const occupyingStates: readonly BookingState[] = ['held', 'confirmed', 'arrived', 'served', 'noShow'];
