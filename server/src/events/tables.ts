/**
 * The service events' tables as stored (migration 0008; conventions in `db/schema.ts`), added to
 * `Database` by module augmentation like the booking tables.
 */
export interface ServiceEventTable {
  /** The service session's id: one event per session. */
  id: string;
  point_id: string;
  provider_id: string | null;
  service_id: string | null;
  booking_id: string | null;
  expert_account_id: string | null;
  expert_name: string;
  /** EventStaff[] as JSON. */
  advisors: string;
  admitted_at: string;
  ended_at: string;
  duration_s: number;
  lobby_wait_s: number | null;
  below_minimum_ms: number;
  /** EventQuality as JSON. */
  quality: string;
  /** EventForm[] as JSON. */
  forms: string;
  classification_code: string | null;
  classification_note: string;
  classified_by_name: string | null;
  classified_at: string | null;
  created_at: string;
}

export interface ServiceEventRatingTable {
  event_id: string;
  account_id: string;
  account_name: string;
  role: string;
  rating: number;
  rated_at: string;
}

declare module '../db/schema.ts' {
  interface Database {
    service_event: ServiceEventTable;
    service_event_rating: ServiceEventRatingTable;
  }
}
