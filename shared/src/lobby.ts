import { z } from 'zod';
import { WaitingBookingSchema } from './booking.ts';
import { PeerIdSchema, PointSlugSchema, ServicePointIdSchema, ServiceSessionIdSchema } from './ids.ts';

const instant = z.iso.datetime({ offset: true });

/** A customer waiting in a point's lobby, as the staff of that point see them. */
export const WaitingCustomerSchema = z.object({
  peerId: PeerIdSchema,
  displayName: z.string(),
  since: instant,
  /** The connection dropped; the customer may come back within the grace period. */
  connectionLost: z.boolean(),
  /** The booking or walk-in the advisor marked arrived, matched when the customer began waiting. */
  booking: WaitingBookingSchema.optional(),
});
export type WaitingCustomer = z.infer<typeof WaitingCustomerSchema>;

/** What an expert's or advisor's room directory shows of one point's room, live. */
export const RoomLiveStateSchema = z.object({
  pointId: ServicePointIdSchema,
  slug: PointSlugSchema,
  nameFi: z.string(),
  nameSv: z.string(),
  municipality: z.string(),
  /** Earliest waiting customer's arrival, or null when nobody waits. */
  customerWaitingSince: instant.nullable(),
  waitingCount: z.number().int().nonnegative(),
  /** A service session is running (a customer has been admitted and not left). */
  inCall: z.boolean(),
  expertPresent: z.boolean(),
  advisorPresent: z.boolean(),
});
export type RoomLiveState = z.infer<typeof RoomLiveStateSchema>;

/** One customer served: it starts at admission and ends when the customer leaves; its material belongs to it alone. */
export const ServiceSessionViewSchema = z.object({
  sessionId: ServiceSessionIdSchema,
  startedAt: instant,
  admittedBy: z.string(),
});
export type ServiceSessionView = z.infer<typeof ServiceSessionViewSchema>;

export const DeclineReasonSchema = z
  .string()
  .trim()
  .min(1)
  .max(300)
  .refine((s) => !/[\u0000-\u0008\u000b-\u001f\u007f]/.test(s), 'no control characters');

export const RejoinTokenSchema = z.string().min(20).max(200);

