import { timingSafeEqual } from 'node:crypto';
import type { PointSlug, ProviderId, PublicServicePoint, ServicePointId, StaffUser } from '@kanava/shared';
import { pointsAdvisedBy, providersServedBy } from '../auth/permissions.ts';
import type { Records } from '../records/Records.ts';
import { helsinkiDate } from '../records/time.ts';
import type { PointAccess } from './AccessPolicy.ts';

/** PointAccess answered from the registry, the agreements and the accounts. */
export class RecordsPointAccess implements PointAccess {
  readonly #records: Records;

  constructor(records: Records) {
    this.#records = records;
  }

  async providersServing(pointId: ServicePointId, at: Date): Promise<ProviderId[]> {
    const agreements = await this.#records.repos.agreements.validOn(helsinkiDate(at), { pointId });
    return [...new Set(agreements.map((a) => a.providerId))];
  }

  /** Advisors: their points. Experts: the points their providers serve by an agreement valid at `at`. Never closed points. */
  async pointsOf(user: StaffUser, at: Date): Promise<PublicServicePoint[]> {
    const { agreements, points } = this.#records.repos;
    const served = await agreements.validOn(helsinkiDate(at), { providerIds: providersServedBy(user) });
    const ids = [...new Set([...pointsAdvisedBy(user), ...served.map((a) => a.pointId)])];
    const records = await points.getMany(ids);
    return records
      .filter((p) => p.status !== 'closed')
      .map((p) => ({ id: p.id, slug: p.slug, nameFi: p.nameFi, nameSv: p.nameSv, municipality: p.municipality }));
  }

  async verifyKioskToken(slug: PointSlug, token: string): Promise<boolean> {
    const point = await this.#records.repos.points.getBySlug(slug);
    if (!point || point.status === 'closed' || !point.kioskToken) return false;
    const a = Buffer.from(point.kioskToken);
    const b = Buffer.from(token);
    // Constant time: the answer time must not reveal how much of a guess was right.
    return a.length === b.length && timingSafeEqual(a, b);
  }
}
