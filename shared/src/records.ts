import { z } from 'zod';
import {
  AgreementIdSchema,
  PointSlugSchema,
  ProviderIdSchema,
  ServiceIdSchema,
  ServicePointIdSchema,
} from './ids.ts';

/**
 * The records behind remote service (operating guide §3): the service point registry,
 * providers and their services, and the agreements that tie them together.
 * Every HTTP body is parsed with these schemas on both sides.
 */

/** A short stable code (e.g. "kela", "housing-allowance"): lower-case letters, digits and dashes. */
export const CodeSchema = z
  .string()
  .trim()
  .min(2)
  .max(64)
  .regex(/^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/, 'lower-case letters, digits and dashes');

const text = (max: number) => z.string().trim().min(1, 'required').max(max);
const optionalText = (max: number) => z.string().trim().max(max);

/** A point's lifecycle: set up (draft), tested from the kiosk (testing), open to customers (live), closed for good. */
export const PointStatusSchema = z.enum(['draft', 'testing', 'live', 'closed']);
export type PointStatus = z.infer<typeof PointStatusSchema>;

export const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export const WeekdaySchema = z.enum(weekdays);
export type Weekday = z.infer<typeof WeekdaySchema>;

/** A local wall-clock time in Europe/Helsinki, "HH:MM". */
export const LocalTimeSchema = z.string().regex(/^(?:[01]\d|2[0-3]):[0-5]\d$/, 'time as HH:MM');
/** A calendar date in Europe/Helsinki, "YYYY-MM-DD". */
export const LocalDateSchema = z.iso.date('date as YYYY-MM-DD');
export type LocalDate = z.infer<typeof LocalDateSchema>;

export const TimeRangeSchema = z
  .object({ from: LocalTimeSchema, to: LocalTimeSchema })
  .refine((r) => r.from < r.to, { message: 'opening must be before closing', path: ['to'] });
export type TimeRange = z.infer<typeof TimeRangeSchema>;

/** Opening hours are local times: "9–15 on Mondays" stays 9–15 across daylight-saving changes. */
export const OpeningHoursSchema = z.object({
  weekly: z.object(Object.fromEntries(weekdays.map((d) => [d, z.array(TimeRangeSchema).max(4)])) as Record<Weekday, z.ZodArray<typeof TimeRangeSchema>>),
  /** Dates whose hours differ from the week's (holidays: no ranges = closed). */
  exceptions: z
    .array(z.object({ date: LocalDateSchema, hours: z.array(TimeRangeSchema).max(4), note: optionalText(200).default('') }))
    .max(100),
});
export type OpeningHours = z.infer<typeof OpeningHoursSchema>;

export const emptyOpeningHours = (): OpeningHours => ({
  weekly: { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] },
  exceptions: [],
});

export const EquipmentSchema = z.object({
  documentCamera: z.boolean(),
  printer: z.boolean(),
  scanner: z.boolean(),
  notes: optionalText(2000),
});
export type Equipment = z.infer<typeof EquipmentSchema>;

const pointFields = {
  nameFi: text(120),
  nameSv: text(120),
  municipality: text(80),
  streetAddress: optionalText(200),
  postalCode: z.string().trim().regex(/^(\d{5})?$/, 'five digits'),
  postOffice: optionalText(80),
  contactPhone: optionalText(40),
  contactEmail: z.union([z.literal(''), z.email('an e-mail address')]),
  responsiblePerson: optionalText(120),
  openingHours: OpeningHoursSchema,
  equipment: EquipmentSchema,
};

/** A point in the registry, as platform admins and the point's advisors see it. */
export const ServicePointRecordSchema = z.object({
  id: ServicePointIdSchema,
  slug: PointSlugSchema,
  ...pointFields,
  status: PointStatusSchema,
  /** The fixed link's secret: the kiosk opens /p/<slug>?k=<kioskToken>. */
  kioskToken: z.string(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type ServicePointRecord = z.infer<typeof ServicePointRecordSchema>;

export const NewPointSchema = z.object({
  slug: PointSlugSchema,
  ...pointFields,
  streetAddress: pointFields.streetAddress.default(''),
  postalCode: pointFields.postalCode.default(''),
  postOffice: pointFields.postOffice.default(''),
  contactPhone: pointFields.contactPhone.default(''),
  contactEmail: pointFields.contactEmail.default(''),
  responsiblePerson: pointFields.responsiblePerson.default(''),
  openingHours: OpeningHoursSchema.default(emptyOpeningHours),
  equipment: EquipmentSchema.default({ documentCamera: false, printer: false, scanner: false, notes: '' }),
});
export type NewPoint = z.infer<typeof NewPointSchema>;

/** The slug is the room's fixed link (a desktop icon at the point): it never changes. */
export const PointPatchSchema = z.object(pointFields).partial();
export type PointPatch = z.infer<typeof PointPatchSchema>;

export const ProviderSchema = z.object({
  id: ProviderIdSchema,
  code: CodeSchema,
  nameFi: z.string(),
  nameSv: z.string(),
  nameEn: z.string(),
  contactEmail: z.string(),
});
export type Provider = z.infer<typeof ProviderSchema>;

export const NewProviderSchema = z.object({
  code: CodeSchema,
  nameFi: text(120),
  nameSv: text(120),
  nameEn: text(120),
  contactEmail: z.union([z.literal(''), z.email('an e-mail address')]).default(''),
});
export const ProviderPatchSchema = NewProviderSchema.omit({ code: true }).partial();

/** A classification (suorite): the recorded kind of a service event, for reporting and billing. */
export const ClassificationSchema = z.object({
  code: z.string().trim().regex(/^[a-z0-9-]{1,40}$/, 'lower-case letters, digits and dashes'),
  nameFi: text(120),
  nameSv: text(120),
  nameEn: text(120),
});
export type Classification = z.infer<typeof ClassificationSchema>;

export const ServiceCardKindSchema = z.enum(['none', 'text', 'pdf']);

export const ServiceSchema = z.object({
  id: ServiceIdSchema,
  providerId: ProviderIdSchema,
  code: CodeSchema,
  nameFi: z.string(),
  nameSv: z.string(),
  nameEn: z.string(),
  classifications: z.array(ClassificationSchema),
  card: ServiceCardKindSchema,
});
export type Service = z.infer<typeof ServiceSchema>;

const uniqueCodes = (list: Classification[]) => new Set(list.map((c) => c.code)).size === list.length;
export const NewServiceSchema = z.object({
  code: CodeSchema,
  nameFi: text(160),
  nameSv: text(160),
  nameEn: text(160),
  classifications: z.array(ClassificationSchema).max(30).refine(uniqueCodes, 'each classification code only once').default([]),
});
export const ServicePatchSchema = NewServiceSchema.omit({ code: true }).partial();

/** The provider's instructions to advisors for one service: text, or an uploaded PDF. */
export const ServiceCardSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('none') }),
  z.object({ kind: z.literal('text'), text: z.string(), updatedAt: z.iso.datetime() }),
  z.object({ kind: z.literal('pdf'), fileName: z.string(), size: z.number().int(), updatedAt: z.iso.datetime() }),
]);
export type ServiceCard = z.infer<typeof ServiceCardSchema>;
export const ServiceCardTextSchema = z.object({ text: z.string().trim().min(1, 'required').max(50_000) });
export const MAX_SERVICE_CARD_PDF_BYTES = 5 * 1024 * 1024;

export const AgreementSchema = z.object({
  id: AgreementIdSchema,
  pointId: ServicePointIdSchema,
  providerId: ProviderIdSchema,
  validFrom: LocalDateSchema,
  validTo: LocalDateSchema.nullable(),
  serviceIds: z.array(ServiceIdSchema),
});
export type Agreement = z.infer<typeof AgreementSchema>;

const validRange = (a: { validFrom?: string | undefined; validTo?: string | null | undefined }) =>
  !a.validFrom || !a.validTo || a.validFrom <= a.validTo;
export const NewAgreementSchema = z
  .object({
    pointId: ServicePointIdSchema,
    providerId: ProviderIdSchema,
    validFrom: LocalDateSchema,
    validTo: LocalDateSchema.nullable().default(null),
    serviceIds: z.array(ServiceIdSchema).max(200).default([]),
  })
  .refine(validRange, { message: 'must not be before the start date', path: ['validTo'] });
export const AgreementPatchSchema = z
  .object({
    validFrom: LocalDateSchema,
    validTo: LocalDateSchema.nullable(),
    serviceIds: z.array(ServiceIdSchema).max(200),
  })
  .partial()
  .refine(validRange, { message: 'must not be before the start date', path: ['validTo'] });

/** A service as offered at one point, for the advisor's point page. */
export const PointServiceSchema = z.object({
  service: ServiceSchema,
  provider: ProviderSchema,
  agreementId: AgreementIdSchema,
});
export type PointService = z.infer<typeof PointServiceSchema>;
