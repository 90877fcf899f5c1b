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
