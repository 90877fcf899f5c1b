import {
  AgreementSchema,
  type Agreement,
  type AgreementId,
  type ProviderId,
  type ServiceId,
  type ServicePointId,
} from '@kanava/shared';
import type { Selectable } from 'kysely';
import type { DbOrTx } from './database.ts';
import type { AgreementTable } from './schema.ts';

export interface NewAgreement {
  pointId: ServicePointId;
  providerId: ProviderId;
  validFrom: string;
  validTo: string | null;
  serviceIds: ServiceId[];
}

/**
 * Agreements (yhteispalvelusopimus): which provider's services are available at which
 * point, from one Helsinki date to another (inclusive; open-ended when `validTo` is null).
 */
export class AgreementRepository {
  readonly #db: DbOrTx;

  constructor(db: DbOrTx) {
    this.#db = db;
  }

  async list(filter: { pointId?: ServicePointId | undefined; providerId?: ProviderId | undefined } = {}): Promise<Agreement[]> {
    let q = this.#db.selectFrom('agreement').selectAll().orderBy('valid_from').orderBy('id');
    if (filter.pointId) q = q.where('point_id', '=', filter.pointId);
    if (filter.providerId) q = q.where('provider_id', '=', filter.providerId);
    return this.#withServices(await q.execute());
  }

  async get(id: AgreementId): Promise<Agreement | undefined> {
    const row = await this.#db.selectFrom('agreement').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? (await this.#withServices([row]))[0] : undefined;
  }

  /** Agreements in force on a Helsinki date. */
  async validOn(date: string, filter: { pointId?: ServicePointId; providerIds?: readonly ProviderId[] }): Promise<Agreement[]> {
    if (filter.providerIds && filter.providerIds.length === 0) return [];
    let q = this.#db
      .selectFrom('agreement')
      .selectAll()
      .where('valid_from', '<=', date)
      .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>=', date)]));
    if (filter.pointId) q = q.where('point_id', '=', filter.pointId);
    if (filter.providerIds) q = q.where('provider_id', 'in', filter.providerIds);
    return this.#withServices(await q.orderBy('valid_from').execute());
  }

  async create(a: NewAgreement, now: Date): Promise<Agreement> {
    const at = now.toISOString();
    const row: AgreementTable = {
      id: crypto.randomUUID(),
      point_id: a.pointId,
      provider_id: a.providerId,
      valid_from: a.validFrom,
      valid_to: a.validTo,
      created_at: at,
      updated_at: at,
    };
    await this.#db.insertInto('agreement').values(row).execute();
    await this.#setServices(row.id, a.serviceIds);
    return AgreementSchema.parse({ ...fromRow(row), serviceIds: [...new Set(a.serviceIds)] });
  }

  async update(
    id: AgreementId,
    patch: { validFrom?: string | undefined; validTo?: string | null | undefined; serviceIds?: ServiceId[] | undefined },
    now: Date,
  ): Promise<Agreement | undefined> {
    await this.#db
      .updateTable('agreement')
      .set({
        ...(patch.validFrom !== undefined && { valid_from: patch.validFrom }),
        ...(patch.validTo !== undefined && { valid_to: patch.validTo }),
        updated_at: now.toISOString(),
      })
      .where('id', '=', id)
      .execute();
    if (patch.serviceIds) {
      await this.#db.deleteFrom('agreement_service').where('agreement_id', '=', id).execute();
      await this.#setServices(id, patch.serviceIds);
    }
    return this.get(id);
  }

  async #setServices(agreementId: string, serviceIds: readonly ServiceId[]): Promise<void> {
    const unique = [...new Set(serviceIds)];
    if (unique.length === 0) return;
    await this.#db
      .insertInto('agreement_service')
      .values(unique.map((service_id) => ({ agreement_id: agreementId, service_id })))
      .execute();
  }

  async #withServices(rows: Selectable<AgreementTable>[]): Promise<Agreement[]> {
    if (rows.length === 0) return [];
    const links = await this.#db
      .selectFrom('agreement_service')
      .select(['agreement_id', 'service_id'])
      .where(
        'agreement_id',
        'in',
        rows.map((r) => r.id),
      )
      .orderBy('service_id')
      .execute();
    return rows.map((r) =>
      AgreementSchema.parse({ ...fromRow(r), serviceIds: links.filter((l) => l.agreement_id === r.id).map((l) => l.service_id) }),
    );
  }
}

function fromRow(r: Selectable<AgreementTable>) {
  return { id: r.id, pointId: r.point_id, providerId: r.provider_id, validFrom: r.valid_from, validTo: r.valid_to };
}
