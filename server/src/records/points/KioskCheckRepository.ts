import { KioskCheckSchema, throughputVerdict, type KioskCheck, type PrecheckResult, type ServicePointId } from '@kanava/shared';
import type { DbOrTx } from '../../db/database.ts';
import './tables.ts';

/** The latest pre-call check made at each point's kiosk (a newer one replaces it). */
export class KioskCheckRepository {
  readonly #db: DbOrTx;

  constructor(db: DbOrTx) {
    this.#db = db;
  }

  /** Keeps the check as the server judged it: its own upload figure, the capped download, the verdict. */
  async record(pointId: ServicePointId, check: PrecheckResult, now: Date): Promise<void> {
    const camera = check.camera.status === 'measured' ? check.camera : undefined;
    const row = {
      measured_at: new Date(check.measuredAt).toISOString(),
      up_kbps: Math.round(check.network.upKbps),
      down_kbps: Math.round(check.network.downKbps),
      camera_width: camera?.width ?? null,
      camera_height: camera?.height ?? null,
      camera_fps: camera?.frameRate ?? null,
      // Heard, or not: a microphone the browser would not let the check listen to (notMeasured) is not claimed as working.
      microphone: check.verdict.microphone === 'good' ? 1 : 0,
      overall: check.verdict.overall,
      up_measure: uploadMeasure(check),
      recorded_at: now.toISOString(),
    };
    await this.#db
      .insertInto('kiosk_check')
      .values({ point_id: pointId, ...row })
      .onConflict((oc) => oc.column('point_id').doUpdateSet(row))
      .execute();
  }

  async latest(pointId: ServicePointId): Promise<KioskCheck | undefined> {
    const r = await this.#db.selectFrom('kiosk_check').selectAll().where('point_id', '=', pointId).executeTakeFirst();
    if (!r) return undefined;
    return KioskCheckSchema.parse({
      measuredAt: r.measured_at,
      upKbps: r.up_kbps,
      downKbps: r.down_kbps,
      camera: r.camera_width !== null && r.camera_height !== null ? { width: r.camera_width, height: r.camera_height, frameRate: r.camera_fps ?? 0 } : null,
      microphone: r.microphone === 1,
      overall: r.overall,
      upload: r.up_measure,
    });
  }
}

/** A lower bound (verdict `notMeasured`) still proves the minimum when it reaches it. */
function uploadMeasure(check: PrecheckResult): KioskCheck['upload'] {
  if (check.verdict.upload !== 'notMeasured') return 'measured';
  const { minUpKbps, recommendedUpKbps } = check.policy.network;
  return throughputVerdict(check.network.upKbps, minUpKbps, recommendedUpKbps) === 'belowMinimum' ? 'unknown' : 'atLeastMinimum';
}
