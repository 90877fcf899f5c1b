import { DateTime } from 'luxon';

/** Kanava's local time zone: opening hours, agreement dates and bookings are Finnish local times. */
export const ZONE = 'Europe/Helsinki';

/** The calendar date in Helsinki at an instant ("YYYY-MM-DD"): an agreement valid "to 31.12." ends at local midnight, not UTC midnight. */
export function helsinkiDate(at: Date): string {
  const d = DateTime.fromJSDate(at, { zone: ZONE }).toISODate();
  if (!d) throw new Error(`invalid instant: ${String(at)}`);
  return d;
}
