import { z } from 'zod';

/** Environment variables of the booking service (merged into the server's schema). */
export const bookingEnvShape = {
  KANAVA_BOOKING_HOLD_MINUTES: z.coerce.number().int().min(1).max(120).default(10),
  KANAVA_BOOKING_REMINDER_MINUTES: z.coerce.number().int().min(0).max(7 * 24 * 60).default(60),
  KANAVA_BOOKING_JOB_INTERVAL_S: z.coerce.number().min(0.05).max(3600).default(30),
  KANAVA_BOOKING_EXPERT_FIRST_S: z.coerce.number().min(0).max(3600).default(120),
  KANAVA_BOOKING_LINK_OPENS_MINUTES: z.coerce.number().int().min(0).max(24 * 60).default(15),
};

export interface BookingConfig {
  /** A held slot stays reserved this long while the advisor types the customer's details. */
  holdMinutes: number;
  /** The expert is reminded this long before the booked time (0: no reminders). */
  reminderMinutes: number;
  /** How often the mail job looks for due mail (it is also woken at once after each change). */
  jobIntervalMs: number;
  /** A booked customer is shown only to their booking's expert this long before the point's other staff are told (0: all at once). */
  expertFirstMs: number;
  /** A customer's personal link opens the room this long before the booked time (and works until its end). */
  linkOpensMinutes: number;
}

type BookingEnv = z.infer<z.ZodObject<typeof bookingEnvShape>>;

export function bookingConfigFrom(e: BookingEnv): BookingConfig {
  return {
    holdMinutes: e.KANAVA_BOOKING_HOLD_MINUTES,
    reminderMinutes: e.KANAVA_BOOKING_REMINDER_MINUTES,
    jobIntervalMs: e.KANAVA_BOOKING_JOB_INTERVAL_S * 1000,
    expertFirstMs: e.KANAVA_BOOKING_EXPERT_FIRST_S * 1000,
    linkOpensMinutes: e.KANAVA_BOOKING_LINK_OPENS_MINUTES,
  };
}

export const defaultBookingConfig: BookingConfig = bookingConfigFrom(z.object(bookingEnvShape).parse({}));
