import {
  DEFAULT_QUALITY_POLICY,
  QualityPolicySchema,
  ServiceIdSchema,
  type PeerId,
  type QualityPolicy,
  type QualityPolicyInput,
  type ServiceId,
  type StoredQualityPolicy,
} from '@kanava/shared';
import type { DbOrTx } from '../db/database.ts';
import type { QualityPolicyScope, QualityPolicySource } from './policy.ts';
import './tables.ts';

/** The platform's default is stored under this scope id; a service's under its own id. */
export const PLATFORM_SCOPE = '';

type PolicyScopeId = ServiceId | typeof PLATFORM_SCOPE;

/** Stored quality policies: one per service that has its own, and the platform's default. */
export class QualityPolicyRepository {
  readonly #db: DbOrTx;

  constructor(db: DbOrTx) {
    this.#db = db;
  }

  async get(scopeId: PolicyScopeId): Promise<(StoredQualityPolicy & { source: 'service' | 'platform' }) | undefined> {
    const r = await this.#db.selectFrom('quality_policy').selectAll().where('scope_id', '=', scopeId).executeTakeFirst();
    if (!r) return undefined;
    const policy = QualityPolicySchema.parse({
      mode: r.mode,
      network: {
        minUpKbps: Number(r.min_up_kbps),
        recommendedUpKbps: Number(r.recommended_up_kbps),
        minDownKbps: Number(r.min_down_kbps),
        recommendedDownKbps: Number(r.recommended_down_kbps),
      },
      camera: { minWidth: Number(r.min_width), minHeight: Number(r.min_height), minFrameRate: Number(r.min_frame_rate) },
    });
    return { policy, source: scopeId === PLATFORM_SCOPE ? 'platform' : 'service', updatedAt: r.updated_at, updatedBy: r.updated_by };
  }

  async set(scopeId: PolicyScopeId, p: QualityPolicyInput, by: string, now: Date): Promise<void> {
    const values = {
      mode: p.mode,
      min_up_kbps: p.network.minUpKbps,
      recommended_up_kbps: p.network.recommendedUpKbps,
      min_down_kbps: p.network.minDownKbps,
      recommended_down_kbps: p.network.recommendedDownKbps,
      min_width: p.camera.minWidth,
      min_height: p.camera.minHeight,
      min_frame_rate: p.camera.minFrameRate,
      updated_at: now.toISOString(),
      updated_by: by,
    };
    await this.#db
      .insertInto('quality_policy')
      .values({ scope_id: scopeId, ...values })
      .onConflict((oc) => oc.column('scope_id').doUpdateSet(values))
      .execute();
  }

  /** A service goes back to the platform's default. True when it had its own. */
  async remove(scopeId: ServiceId): Promise<boolean> {
    const r = await this.#db.deleteFrom('quality_policy').where('scope_id', '=', scopeId).executeTakeFirst();
    return Number(r.numDeletedRows) > 0;
  }

  /** What applies: the service's own, else the platform's default, else the operating guide's values. */
  async effective(serviceId: ServiceId | undefined): Promise<StoredQualityPolicy> {
    const own = serviceId ? await this.get(serviceId) : undefined;
    if (own) return own;
    const platform = await this.get(PLATFORM_SCOPE);
    return platform ?? { policy: DEFAULT_QUALITY_POLICY, source: 'guide', updatedAt: null, updatedBy: null };
  }
}

/** The room's minimums from the records: the booked service's policy, else the platform's default. */
export class DbQualityPolicySource implements QualityPolicySource {
  readonly #db: DbOrTx;
  readonly #repo: QualityPolicyRepository;

  constructor(db: DbOrTx) {
    this.#db = db;
    this.#repo = new QualityPolicyRepository(db);
  }

  async policyFor(scope: QualityPolicyScope): Promise<QualityPolicy> {
    return (await this.#repo.effective(scope.serviceId)).policy;
  }

  /**
   * The service a waiting customer came for: the booking or walk-in the advisor marked
   * arrived and the lobby matched to them (booking module's `point_arrival`).
   */
  async serviceOf(peerId: PeerId): Promise<ServiceId | undefined> {
    const r = await this.#db.selectFrom('point_arrival').select('service_id').where('attached_peer_id', '=', peerId).executeTakeFirst();
    return r ? ServiceIdSchema.parse(r.service_id) : undefined;
  }
}
