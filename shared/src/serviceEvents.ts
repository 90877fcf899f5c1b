import { z } from 'zod';
import { BookingIdSchema, ProviderIdSchema, ServiceIdSchema, ServicePointIdSchema, ServiceSessionIdSchema, StaffUserIdSchema } from './ids.ts';
import { ClassificationSchema, LocalDateSchema } from './records.ts';
import { RatingSchema } from './survey.ts';

/**
 * Service events (palvelutapahtuma): one per service session, recorded by Kanava when the
 * session ends, for reporting and billing. Immutable once closed, except the classification
 * (suorite) and its note, whose changes are audited; staff may add their connection rating.
 */

const instant = z.iso.datetime({ offset: true });
const names = { nameFi: z.string(), nameSv: z.string(), nameEn: z.string() };
const plainText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .refine((s) => !/[\u0000-\u0009\u000b-\u001f\u007f]/.test(s), 'no control characters');

/** A quality incident as the event keeps it: whose, when, and why (the worst figures stay with the quality records). */
export const EventIncidentSchema = z.object({
  role: z.enum(['customer', 'expert', 'advisor', 'unknown']),
  startedAt: instant,
  /** Null: still open when the session ended (counted up to the end). */
  endedAt: instant.nullable(),
  reasons: z.array(z.string().max(40)).max(3),
});
export type EventIncident = z.infer<typeof EventIncidentSchema>;

export const EventQualitySchema = z.object({
  /** Call time (admitted → ended) during which someone was below the minimum (union of incidents). */
  belowMinimumMs: z.number().int().nonnegative(),
  /** Share of call time above the minimum, 0–1. */
  shareAboveMinimum: z.number().min(0).max(1),
  incidents: z.array(EventIncidentSchema).max(200),
});
export type EventQuality = z.infer<typeof EventQualitySchema>;

/** A matter submitted in the session: its receipt and the SHA-256 of the filed PDF. */
export const EventFormSchema = z.object({
  receiptNumber: z.string(),
  formName: z.string(),
  submittedAt: instant,
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});
export type EventForm = z.infer<typeof EventFormSchema>;

export const EventStaffSchema = z.object({ accountId: StaffUserIdSchema.nullable(), name: z.string() });

export const StaffConnectionRatingSchema = z.object({
  accountId: StaffUserIdSchema,
  name: z.string(),
  role: z.enum(['expert', 'advisor']),
  rating: RatingSchema,
  ratedAt: instant,
});

export const ServiceEventSchema = z.object({
  id: ServiceSessionIdSchema,
  point: z.object({ id: ServicePointIdSchema, slug: z.string(), nameFi: z.string(), nameSv: z.string() }),
  provider: z.object({ id: ProviderIdSchema, ...names }).nullable(),
  service: z.object({ id: ServiceIdSchema, ...names }).nullable(),
  bookingId: BookingIdSchema.nullable(),
  expert: EventStaffSchema,
  advisors: z.array(EventStaffSchema),
  admittedAt: instant,
  endedAt: instant,
  durationS: z.number().int().nonnegative(),
  /** Waiting in the lobby until admission; null when not known. */
  lobbyWaitS: z.number().int().nonnegative().nullable(),
  quality: EventQualitySchema,
  forms: z.array(EventFormSchema),
  classification: z
    .object({
      code: z.string(),
      ...names,
      note: z.string(),
      by: z.string(),
      at: instant,
    })
    .nullable(),
  staffRatings: z.array(StaffConnectionRatingSchema),
});
export type ServiceEvent = z.infer<typeof ServiceEventSchema>;

/** An event with what its classifier may pick: the services of its provider at the point, each with its classifications. */
export const ServiceEventDetailSchema = z.object({
  event: ServiceEventSchema,
  choices: z.array(z.object({ service: z.object({ id: ServiceIdSchema, providerId: ProviderIdSchema, ...names }), classifications: z.array(ClassificationSchema) })),
  /** Whether the signed-in staff member may classify it and rate the connection. */
  mayClassify: z.boolean(),
  mayRate: z.boolean(),
});
export type ServiceEventDetail = z.infer<typeof ServiceEventDetailSchema>;

export const ClassifyEventSchema = z.object({
  serviceId: ServiceIdSchema,
  code: z.string().trim().regex(/^[a-z0-9-]{1,40}$/, 'lower-case letters, digits and dashes'),
  note: plainText(500).default(''),
});
export type ClassifyEvent = z.infer<typeof ClassifyEventSchema>;

export const RateConnectionSchema = z.object({ rating: RatingSchema });

export const PointEventsQuerySchema = z.object({ date: LocalDateSchema.optional() });
export const PointEventsSchema = z.object({ date: LocalDateSchema, events: z.array(ServiceEventSchema) });
export type PointEvents = z.infer<typeof PointEventsSchema>;

// ---- reports ---------------------------------------------------------------------------

/** A calendar month in Helsinki time, "YYYY-MM". */
export const MonthSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'month as YYYY-MM');

export const ReportQuerySchema = z.object({
  month: MonthSchema,
  /** Provider admins see only their own providers; platform admins all, or one. */
  providerId: ProviderIdSchema.optional(),
});

export const PilotQuerySchema = z.object({
  pointId: ServicePointIdSchema,
  weeks: z.coerce.number().int().min(1).max(26).default(6),
  providerId: ProviderIdSchema.optional(),
});

/** The same figures for any group of events: a provider, a point, a service, a week, the whole month. */
export const ReportFiguresSchema = z.object({
  events: z.number().int().nonnegative(),
  byClassification: z.record(z.string(), z.number().int().nonnegative()),
  unclassified: z.number().int().nonnegative(),
  totalDurationS: z.number().int().nonnegative(),
  averageDurationS: z.number().nonnegative().nullable(),
  noShows: z.number().int().nonnegative(),
  lobbyWaitP50S: z.number().nonnegative().nullable(),
  lobbyWaitP90S: z.number().nonnegative().nullable(),
  /** Call time above the minimum ÷ call time, over all events of the group. */
  qualityShare: z.number().min(0).max(1).nullable(),
  incidents: z.number().int().nonnegative(),
  surveyAnswers: z.number().int().nonnegative(),
  surveyServiceAverage: z.number().nullable(),
  surveyConnectionAverage: z.number().nullable(),
  staffConnectionAverage: z.number().nullable(),
});
export type ReportFigures = z.infer<typeof ReportFiguresSchema>;

export const ReportRowSchema = z.object({ key: z.string(), ...names, figures: ReportFiguresSchema });
export type ReportRow = z.infer<typeof ReportRowSchema>;

export const MonthlyReportSchema = z.object({
  month: MonthSchema,
  providers: z.array(z.object({ id: ProviderIdSchema, ...names })),
  classifications: z.array(z.object({ code: z.string(), ...names })),
  total: ReportFiguresSchema,
  byProvider: z.array(ReportRowSchema),
  byPoint: z.array(ReportRowSchema),
  byService: z.array(ReportRowSchema),
});
export type MonthlyReport = z.infer<typeof MonthlyReportSchema>;

export const PilotReportSchema = z.object({
  point: z.object({ id: ServicePointIdSchema, nameFi: z.string(), nameSv: z.string() }),
  /** When the point's checklist recorded go-live; null when it has not gone live. */
  goLiveAt: instant.nullable(),
  classifications: z.array(z.object({ code: z.string(), ...names })),
  total: ReportFiguresSchema,
  byWeek: z.array(ReportRowSchema),
});
export type PilotReport = z.infer<typeof PilotReportSchema>;

/** The columns of the billing CSV, in order (docs/billing-csv.md); a new column only ever goes at the end. */
export const billingCsvColumns = [
  'event_id',
  'month',
  'date',
  'provider_code',
  'provider_name',
  'point_slug',
  'point_name',
  'service_code',
  'service_name',
  'classification_code',
  'classification_name',
  'admitted_at',
  'ended_at',
  'duration_seconds',
  'duration_minutes',
  'booking_id',
] as const;

/**
 * The fixed columns of the report CSV: one row per group (total, provider, point, service);
 * after them one `classification_<code>` column per classification in the report.
 */
export const reportCsvColumns = [
  'month',
  'group',
  'key',
  'name',
  'events',
  'unclassified',
  'total_duration_seconds',
  'average_duration_seconds',
  'no_shows',
  'lobby_wait_p50_seconds',
  'lobby_wait_p90_seconds',
  'quality_share_above_minimum',
  'quality_incidents',
  'survey_answers',
  'survey_service_average',
  'survey_connection_average',
  'staff_connection_average',
] as const;
