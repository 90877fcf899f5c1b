import { z } from 'zod';
import {
  ArrivalIdSchema,
  BookableRuleIdSchema,
  BookingExceptionIdSchema,
  BookingIdSchema,
  PointSlugSchema,
  ProviderIdSchema,
  ServiceIdSchema,
  ServicePointIdSchema,
  StaffUserIdSchema,
} from './ids.ts';
import { LocalDateSchema, WeekdaySchema } from './records.ts';
import { EmailSchema } from './accounts.ts';

/**
 * The booking service (ajanvaraus, operating guide §3.2): bookable times that provider
 * admins define, bookings that advisors make at their point, and the arrivals that tell
 * the lobby which booking a waiting customer belongs to. Every HTTP body is parsed with
 * these schemas on both sides.
 */

/**
 * Bookings occupy a 5-minute grid: slot lengths, buffers and rule times are multiples of it,
 * and the database holds one row per occupied cell and expert, so that two bookings of an
 * expert can never overlap (a unique constraint decides, not a check in code).
 */
export const BOOKING_GRID_MINUTES = 5;

const instant = z.iso.datetime({ offset: true });
const noControl = (s: string) => !/[\u0000-\u0008\u000b-\u001f\u007f]/.test(s);
const plain = (min: number, max: number) =>
  z
    .string()
    .trim()
    .min(min, min > 0 ? 'required' : undefined)
    .max(max)
    .refine(noControl, 'no control characters');

const onGrid = (v: number) => v % BOOKING_GRID_MINUTES === 0;
const gridMessage = `a multiple of ${BOOKING_GRID_MINUTES} minutes`;

/** A Helsinki wall-clock time on the grid, "HH:MM"; "24:00" ends a rule at midnight. */
export const GridTimeSchema = z
  .string()
  .regex(/^(?:(?:[01]\d|2[0-3]):[0-5]\d|24:00)$/, 'time as HH:MM')
  .refine((t) => onGrid(Number(t.slice(3, 5))), gridMessage);

export function minutesOfDay(hhmm: string): number {
  return Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
}

// ---- bookable times ----------------------------------------------------------------

const ruleFields = {
  serviceId: ServiceIdSchema,
  expertId: StaffUserIdSchema,
  weekday: WeekdaySchema,
  from: GridTimeSchema,
  to: GridTimeSchema,
  slotMinutes: z.number().int().min(BOOKING_GRID_MINUTES).max(480).refine(onGrid, gridMessage),
  bufferMinutes: z.number().int().min(0).max(240).refine(onGrid, gridMessage),
};

/** "Tuesdays 9–12, 30-minute slots, 10 minutes between them" for one service and expert. */
export const NewBookableRuleSchema = z
  .object(ruleFields)
  .refine((r) => r.from < r.to, { message: 'must be after the start', path: ['to'] })
  .refine((r) => minutesOfDay(r.to) - minutesOfDay(r.from) >= r.slotMinutes, {
    message: 'the range is shorter than one slot',
    path: ['slotMinutes'],
  });
export type NewBookableRule = z.infer<typeof NewBookableRuleSchema>;

export const BookableRuleSchema = z.object({ id: BookableRuleIdSchema, providerId: ProviderIdSchema, ...ruleFields });
export type BookableRule = z.infer<typeof BookableRuleSchema>;

/**
 * A date when bookable times do not apply: a holiday of the whole provider (no expert), or
 * an expert's absence; the whole day, or only from–to.
 */
export const NewBookingExceptionSchema = z
  .object({
    providerId: ProviderIdSchema,
    expertId: StaffUserIdSchema.nullable().default(null),
    date: LocalDateSchema,
    from: GridTimeSchema.nullable().default(null),
    to: GridTimeSchema.nullable().default(null),
    note: plain(0, 200).default(''),
  })
  .refine((e) => (e.from === null) === (e.to === null), { message: 'give both times, or neither for the whole day', path: ['to'] })
  .refine((e) => e.from === null || e.to === null || e.from < e.to, { message: 'must be after the start', path: ['to'] });
export type NewBookingException = z.infer<typeof NewBookingExceptionSchema>;

export const BookingExceptionSchema = z.object({
  id: BookingExceptionIdSchema,
  providerId: ProviderIdSchema,
  expertId: StaffUserIdSchema.nullable(),
  date: LocalDateSchema,
  from: GridTimeSchema.nullable(),
  to: GridTimeSchema.nullable(),
  note: z.string(),
});
export type BookingException = z.infer<typeof BookingExceptionSchema>;

export const BookableTimesSchema = z.object({
  rules: z.array(BookableRuleSchema),
  exceptions: z.array(BookingExceptionSchema),
});
export type BookableTimes = z.infer<typeof BookableTimesSchema>;

// ---- free slots ---------------------------------------------------------------------

export const MAX_SLOT_SEARCH_DAYS = 62;

export const SlotQuerySchema = z.object({
  pointId: ServicePointIdSchema,
  serviceId: ServiceIdSchema,
  from: LocalDateSchema,
  days: z.coerce.number().int().min(1).max(MAX_SLOT_SEARCH_DAYS).default(7),
});

export const FreeSlotSchema = z.object({
  startsAt: instant,
  endsAt: instant,
  expertId: StaffUserIdSchema,
  expertName: z.string(),
});
export type FreeSlot = z.infer<typeof FreeSlotSchema>;

// ---- bookings -----------------------------------------------------------------------

/**
 * A booking's lifecycle. `held` reserves the slot for a few minutes while the advisor
 * types the customer's details; a hold that is not confirmed in time `expired`.
 * `rescheduled` ends a booking whose time moved: the new time is a new booking that
 * continues the same calendar event (same UID, higher SEQUENCE).
 */
export const bookingStates = ['held', 'confirmed', 'cancelled', 'rescheduled', 'arrived', 'served', 'noShow', 'expired'] as const;
export const BookingStateSchema = z.enum(bookingStates);
export type BookingState = z.infer<typeof BookingStateSchema>;

export type BookingEvent = 'confirm' | 'expire' | 'cancel' | 'reschedule' | 'arrive' | 'serve' | 'markNoShow';

/** The allowed transitions, the one source for server rules and client buttons. */
export const bookingTransitions: Record<BookingState, Partial<Record<BookingEvent, BookingState>>> = {
  held: { confirm: 'confirmed', expire: 'expired', cancel: 'cancelled' },
  confirmed: { cancel: 'cancelled', reschedule: 'rescheduled', arrive: 'arrived', markNoShow: 'noShow' },
  arrived: { serve: 'served' },
  cancelled: {},
  rescheduled: {},
  served: {},
  noShow: {},
  expired: {},
};

export function canBookingDo(state: BookingState, event: BookingEvent): boolean {
  return bookingTransitions[state][event] !== undefined;
}

/**
 * What the advisor writes down of the customer: a name, an optional way to reach them and a
 * note for the expert. Nothing more (privacy: no identity codes, no addresses).
 */
export const CustomerDetailsSchema = z.object({
  name: plain(1, 120),
  contact: plain(0, 200).default(''),
  note: plain(0, 500).default(''),
});
export type CustomerDetails = z.infer<typeof CustomerDetailsSchema>;

export const NewHoldSchema = z.object({
  pointId: ServicePointIdSchema,
  serviceId: ServiceIdSchema,
  expertId: StaffUserIdSchema,
  startsAt: instant,
});
export type NewHold = z.infer<typeof NewHoldSchema>;

/**
 * A customer who takes part from home: they get a personal link to the booking's room by
 * e-mail (the address is kept only for this booking's mail).
 */
export const FromHomeSchema = z.object({ email: EmailSchema });
export type FromHome = z.infer<typeof FromHomeSchema>;

export const ConfirmBookingSchema = z.object({ customer: CustomerDetailsSchema, fromHome: FromHomeSchema.nullable().default(null) });
export const CancelBookingSchema = z.object({ reason: plain(0, 300).default('') });
export const RescheduleBookingSchema = z.object({ startsAt: instant, expertId: StaffUserIdSchema.optional() });

const names = { nameFi: z.string(), nameSv: z.string(), nameEn: z.string() };

export const BookingSchema = z.object({
  id: BookingIdSchema,
  state: BookingStateSchema,
  point: z.object({ id: ServicePointIdSchema, slug: PointSlugSchema, nameFi: z.string(), nameSv: z.string() }),
  provider: z.object({ id: ProviderIdSchema, ...names }),
  service: z.object({ id: ServiceIdSchema, ...names }),
  expert: z.object({ id: StaffUserIdSchema, displayName: z.string() }),
  startsAt: instant,
  endsAt: instant,
  /** Until when a held slot stays reserved; null once confirmed. */
  heldUntil: instant.nullable(),
  /** Null while held: details are written at confirmation. */
  customer: CustomerDetailsSchema.nullable(),
  /** The calendar event's version: 0 at booking, +1 at each change and at cancellation. */
  sequence: z.number().int().nonnegative(),
  rescheduledFrom: BookingIdSchema.nullable(),
  rescheduledTo: BookingIdSchema.nullable(),
  /** The customer takes part from home with a personal link sent to this address (null: at the point). */
  fromHome: FromHomeSchema.nullable(),
});
export type Booking = z.infer<typeof BookingSchema>;

export const AgendaQuerySchema = z.object({
  from: LocalDateSchema.optional(),
  days: z.coerce.number().int().min(1).max(31).default(7),
});

/** The expert's own bookings, today and the days after it. */
export const AgendaSchema = z.object({ today: LocalDateSchema, from: LocalDateSchema, days: z.number().int(), bookings: z.array(BookingSchema) });
export type Agenda = z.infer<typeof AgendaSchema>;

// ---- arrivals and the lobby ------------------------------------------------------------

export const ArrivalKindSchema = z.enum(['booked', 'walkIn']);

export const ArrivalSchema = z.object({
  id: ArrivalIdSchema,
  kind: ArrivalKindSchema,
  pointId: ServicePointIdSchema,
  bookingId: BookingIdSchema.nullable(),
  provider: z.object({ id: ProviderIdSchema, ...names }),
  service: z.object({ id: ServiceIdSchema, ...names }),
  arrivedAt: instant,
  /** A waiting customer in the lobby has been matched to this arrival. */
  attached: z.boolean(),
});
export type Arrival = z.infer<typeof ArrivalSchema>;

export const NewWalkInSchema = z.object({ serviceId: ServiceIdSchema });

export const DayViewQuerySchema = z.object({ date: LocalDateSchema.optional() });

/** The advisor's day at the point: the bookings of the date, and who has arrived. */
export const DayViewSchema = z.object({
  date: LocalDateSchema,
  today: LocalDateSchema,
  bookings: z.array(BookingSchema),
  arrivals: z.array(ArrivalSchema),
});
export type DayView = z.infer<typeof DayViewSchema>;

/**
 * What the lobby shows of a waiting customer's booking: service, time and expert, never
 * the customer's name or note (every expert of the point sees the lobby).
 */
export const WaitingBookingSchema = z.object({
  kind: ArrivalKindSchema,
  bookingId: BookingIdSchema.nullable(),
  startsAt: instant.nullable(),
  provider: z.object(names),
  service: z.object(names),
  expertName: z.string().nullable(),
  /** The booking's expert, who is told first (a walk-in has none: all the point's staff are told). */
  expertId: StaffUserIdSchema.nullable(),
  /** The customer came in with their personal link from home, not at the point's kiosk. */
  fromHome: z.boolean(),
});
export type WaitingBooking = z.infer<typeof WaitingBookingSchema>;

// ---- personal links for customers at home ----------------------------------------------

/** The personal link's secret as it travels (in the e-mailed URL, checked by the server). */
export const BookingLinkTokenSchema = z.string().min(20).max(300).regex(/^[A-Za-z0-9_.-]+$/, 'not a booking link');

export const BookingLinkQuerySchema = z.object({ token: BookingLinkTokenSchema });

/**
 * What a personal link says when opened: `open` (the booking's room lobby may be entered
 * now), or why not: too early (`notYet`, with when it opens), the booking is over (`ended`),
 * `cancelled`, `moved` (a newer e-mail has the new link), or not a link at all (`unknown`).
 */
export const BookingLinkStatusSchema = z.discriminatedUnion('status', [
  z.object({
    status: z.literal('open'),
    pointSlug: PointSlugSchema,
    startsAt: instant,
    endsAt: instant,
    service: z.object(names),
    provider: z.object(names),
  }),
  z.object({ status: z.literal('notYet'), opensAt: instant, startsAt: instant }),
  z.object({ status: z.enum(['ended', 'cancelled', 'moved', 'unknown']) }),
]);
export type BookingLinkStatus = z.infer<typeof BookingLinkStatusSchema>;
