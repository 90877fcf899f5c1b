import { describe, expect, it } from 'vitest';
import { bookingStates, type BookingEvent } from '@kanava/shared';
import { nextBookingState } from './bookingLifecycle.ts';

const events: BookingEvent[] = ['confirm', 'expire', 'cancel', 'reschedule', 'arrive', 'serve', 'markNoShow'];

describe('booking lifecycle', () => {
  it('follows held → confirmed → arrived → served', () => {
    expect(nextBookingState('held', 'confirm')).toBe('confirmed');
    expect(nextBookingState('confirmed', 'arrive')).toBe('arrived');
    expect(nextBookingState('arrived', 'serve')).toBe('served');
  });

  it('ends a confirmed booking as cancelled, rescheduled or a no-show', () => {
    expect(nextBookingState('confirmed', 'cancel')).toBe('cancelled');
    expect(nextBookingState('confirmed', 'reschedule')).toBe('rescheduled');
    expect(nextBookingState('confirmed', 'markNoShow')).toBe('noShow');
  });

  it('lets a hold expire or be given up, but not arrive before it is confirmed', () => {
    expect(nextBookingState('held', 'expire')).toBe('expired');
    expect(nextBookingState('held', 'cancel')).toBe('cancelled');
    expect(() => nextBookingState('held', 'arrive')).toThrow(/a held booking cannot be marked arrived/);
  });

  it('allows nothing out of a final state', () => {
    for (const state of ['cancelled', 'rescheduled', 'served', 'noShow', 'expired'] as const) {
      for (const event of events) expect(() => nextBookingState(state, event)).toThrow();
    }
  });

  it('never lets an arrived customer be cancelled or rescheduled', () => {
    expect(() => nextBookingState('arrived', 'cancel')).toThrow();
    expect(() => nextBookingState('arrived', 'reschedule')).toThrow();
    expect(bookingStates).toContain('arrived');
  });
});
