import { z } from 'zod';

/**
 * Branded identifiers: a PeerId can never be passed where a ProducerId is expected,
 * even though both are strings on the wire.
 */
const idString = z.string().min(1).max(128);

export const PeerIdSchema = idString.brand<'PeerId'>();
export type PeerId = z.infer<typeof PeerIdSchema>;

export const RoomIdSchema = idString.brand<'RoomId'>();
export type RoomId = z.infer<typeof RoomIdSchema>;

export const ServicePointIdSchema = idString.brand<'ServicePointId'>();
export type ServicePointId = z.infer<typeof ServicePointIdSchema>;

/** The fixed part of a point's room link: /p/<slug>. Lower-case letters, digits and dashes. */
export const PointSlugSchema = z
  .string()
  .min(2)
  .max(64)
  .regex(/^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/, 'lower-case letters, digits and dashes')
  .brand<'PointSlug'>();
export type PointSlug = z.infer<typeof PointSlugSchema>;

export const TransportIdSchema = idString.brand<'TransportId'>();
export type TransportId = z.infer<typeof TransportIdSchema>;

export const ProducerIdSchema = idString.brand<'ProducerId'>();
export type ProducerId = z.infer<typeof ProducerIdSchema>;

export const ConsumerIdSchema = idString.brand<'ConsumerId'>();
export type ConsumerId = z.infer<typeof ConsumerIdSchema>;

export const ProviderIdSchema = idString.brand<'ProviderId'>();
export type ProviderId = z.infer<typeof ProviderIdSchema>;

export const ServiceIdSchema = idString.brand<'ServiceId'>();
export type ServiceId = z.infer<typeof ServiceIdSchema>;

export const StaffUserIdSchema = idString.brand<'StaffUserId'>();
export type StaffUserId = z.infer<typeof StaffUserIdSchema>;

export const ServiceSessionIdSchema = idString.brand<'ServiceSessionId'>();
export type ServiceSessionId = z.infer<typeof ServiceSessionIdSchema>;

export const AgreementIdSchema = idString.brand<'AgreementId'>();
export type AgreementId = z.infer<typeof AgreementIdSchema>;

/** A PDF shared in a service session (an upload or a service card). */
export const DocumentIdSchema = idString.brand<'DocumentId'>();
export type DocumentId = z.infer<typeof DocumentIdSchema>;

/** A provider's form template (per service), and one filled-in copy of it in a service session. */
export const FormTemplateIdSchema = idString.brand<'FormTemplateId'>();
export type FormTemplateId = z.infer<typeof FormTemplateIdSchema>;

export const FormInstanceIdSchema = idString.brand<'FormInstanceId'>();
export type FormInstanceId = z.infer<typeof FormInstanceIdSchema>;

/** A submitted matter (vireillepano): the filed PDF with its receipt. */
export const MatterIdSchema = idString.brand<'MatterId'>();
export type MatterId = z.infer<typeof MatterIdSchema>;

/** A booked time (ajanvaraus) of a service at a point with one expert. */
export const BookingIdSchema = idString.brand<'BookingId'>();
export type BookingId = z.infer<typeof BookingIdSchema>;

/** A provider's weekly bookable-time rule for one service and expert. */
export const BookableRuleIdSchema = idString.brand<'BookableRuleId'>();
export type BookableRuleId = z.infer<typeof BookableRuleIdSchema>;

/** A date when bookable times do not apply (holiday, absence). */
export const BookingExceptionIdSchema = idString.brand<'BookingExceptionId'>();
export type BookingExceptionId = z.infer<typeof BookingExceptionIdSchema>;

/** A customer marked present at a point (a booking arrived, or a walk-in). */
export const ArrivalIdSchema = idString.brand<'ArrivalId'>();
export type ArrivalId = z.infer<typeof ArrivalIdSchema>;
