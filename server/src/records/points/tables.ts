import type { ColumnType } from 'kysely';

/** The latest pre-call check of each point's kiosk (migration 0011), for the new-point checklist. */
export interface KioskCheckTable {
  point_id: string;
  measured_at: string;
  up_kbps: number;
  down_kbps: number;
  camera_width: number | null;
  camera_height: number | null;
  camera_fps: number | null;
  /** 0/1: the microphone heard something. */
  microphone: number;
  overall: string;
  recorded_at: string;
  /** 'measured' | 'atLeastMinimum' | 'unknown' (KioskCheck['upload']); defaults to 'measured' in the database. */
  up_measure: ColumnType<string, string | undefined, string>;
}

declare module '../../db/schema.ts' {
  interface Database {
    kiosk_check: KioskCheckTable;
  }
}
