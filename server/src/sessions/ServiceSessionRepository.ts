import type { ServicePointId, ServiceSessionId, StaffUserId } from '@kanava/shared';
import type { Db } from '../db/database.ts';

/** Service sessions as records: when each customer was served, at which point, admitted by whom. */
export class ServiceSessionRepository {
  readonly #db: Db;

  constructor(db: Db) {
    this.#db = db;
  }

  async started(s: { id: ServiceSessionId; pointId: ServicePointId; admittedByName: string; admittedByAccountId: StaffUserId | undefined; startedAt: Date }): Promise<void> {
    await this.#db
      .insertInto('service_session')
      .values({
        id: s.id,
        point_id: s.pointId,
        admitted_by_name: s.admittedByName,
        admitted_by_account_id: s.admittedByAccountId ?? null,
        started_at: s.startedAt.toISOString(),
        ended_at: null,
      })
      .execute();
  }

  async ended(id: ServiceSessionId, endedAt: Date): Promise<void> {
    await this.#db.updateTable('service_session').set({ ended_at: endedAt.toISOString() }).where('id', '=', id).where('ended_at', 'is', null).execute();
  }
}
