/**
 * The quality module's tables as stored (conventions in `db/schema.ts`: UTC instants as
 * ISO 8601 text, integers for numbers, structured values as JSON text parsed by zod on
 * read). Added to `Database` by module augmentation, like the booking module's.
 */
export interface QualityPolicyTable {
  /** '' for the platform's default, else the service's id (NULLs would not be unique). */
  scope_id: string;
  mode: string;
  min_up_kbps: number;
  recommended_up_kbps: number;
  min_down_kbps: number;
  recommended_down_kbps: number;
  min_width: number;
  min_height: number;
  min_frame_rate: number;
  updated_at: string;
  updated_by: string | null;
}

export interface QualityIncidentTable {
  id: string;
  room_id: string;
  /** Null while no service session runs (staff alone in the room). */
  session_id: string | null;
  peer_id: string;
  started_at: string;
  ended_at: string | null;
  /** JSON: QualityReason[] */
  reasons: string;
  /** JSON: QualityFigures (the worst values while it lasted) */
  worst: string;
  updated_at: string;
}

export interface QualitySessionSummaryTable {
  session_id: string;
  room_id: string;
  started_at: string;
  ended_at: string;
  measured_ms: number;
  below_up_ms: number;
  below_down_ms: number;
  below_camera_ms: number;
  below_any_ms: number;
  /** JSON: QualityFigures */
  worst: string;
  lowest_width: number | null;
  lowest_height: number | null;
  incident_count: number;
  /** JSON: QualityPolicy applied */
  policy: string;
  /** JSON: the admissions below the minimum that staff allowed, with reasons */
  overrides: string;
  created_at: string;
}

declare module '../db/schema.ts' {
  interface Database {
    quality_policy: QualityPolicyTable;
    quality_incident: QualityIncidentTable;
    quality_session_summary: QualitySessionSummaryTable;
  }
}
