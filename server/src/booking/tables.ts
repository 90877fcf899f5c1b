/**
 * The booking service's tables as stored (see `db/schema.ts` for the conventions: UTC
 * instants as ISO 8601 text, Helsinki dates "YYYY-MM-DD", integers for numbers). They are
 * added to the `Database` interface by module augmentation, so the booking module owns
 * its table shapes without a shared file having to list them.
 */
export interface BookableRuleTable {
  id: string;
  provider_id: string;
  service_id: string;
  expert_id: string;
  weekday: string;
  from_time: string;
  to_time: string;
  slot_minutes: number;
  buffer_minutes: number;
  created_at: string;
  updated_at: string;
}

export interface BookingExceptionTable {
  id: string;
  provider_id: string;
  /** Null: the whole provider (a holiday); else one expert's absence. */
  expert_id: string | null;
  date: string;
  /** Null from/to: the whole day. */
  from_time: string | null;
  to_time: string | null;
  note: string;
  created_at: string;
}

export interface BookingTable {
  id: string;
  /** The calendar event's UID: kept when the booking is rescheduled into a new row. */
  ical_uid: string;
  sequence: number;
  point_id: string;
  provider_id: string;
  service_id: string;
  expert_id: string;
  starts_at: string;
  ends_at: string;
  /** Kept so the claimed cells (starts_at … ends_at + buffer) can be recomputed. */
  buffer_minutes: number;
  state: string;
  held_until: string | null;
  customer_name: string | null;
  customer_contact: string | null;
  customer_note: string | null;
  booked_by: string | null;
  cancel_reason: string | null;
  rescheduled_from: string | null;
  rescheduled_to: string | null;
  created_at: string;
  updated_at: string;
}

/** One occupied 5-minute cell of an expert's time; the primary key forbids double booking. */
export interface BookingClaimTable {
  expert_id: string;
  cell_at: string;
  booking_id: string;
}

/** The booking mail outbox: invitations, cancellations and reminders, each sent at most once. */
export interface BookingMailTable {
  id: string;
  booking_id: string;
  kind: string;
  sequence: number;
  due_at: string;
  state: string;
  attempts: number;
  last_error: string | null;
  claimed_at: string | null;
  sent_at: string | null;
  created_at: string;
}

export interface PointArrivalTable {
  id: string;
  point_id: string;
  kind: string;
  booking_id: string | null;
  provider_id: string;
  service_id: string;
  arrived_at: string;
  marked_by: string | null;
  attached_peer_id: string | null;
  attached_at: string | null;
}

/** A customer's personal link to a booking's room (from home); only the token's hash is kept. */
export interface BookingLinkTable {
  id: string;
  booking_id: string;
  /** SHA-256 (hex) of the token in the e-mailed link. */
  token_hash: string;
  /** Where the link (and news of the booking) is sent. */
  email: string;
  created_at: string;
  revoked_at: string | null;
  /** 'cancelled' or 'moved': what the customer is told when they open a revoked link. */
  revoked_reason: string | null;
}

declare module '../db/schema.ts' {
  interface Database {
    bookable_rule: BookableRuleTable;
    booking_exception: BookingExceptionTable;
    booking: BookingTable;
    booking_claim: BookingClaimTable;
    booking_mail: BookingMailTable;
    point_arrival: PointArrivalTable;
    booking_link: BookingLinkTable;
  }
}
