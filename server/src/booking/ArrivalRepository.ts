import { ArrivalSchema, type Arrival, type PeerId, type ServicePointId } from '@kanava/shared';
import type { DbOrTx } from '../db/database.ts';
import type { PointArrivalTable } from './tables.ts';

/** Customers the advisor marked present at a point: booked ones and walk-ins. */
export class ArrivalRepository {
  readonly #db: DbOrTx;

  constructor(db: DbOrTx) {
    this.#db = db;
  }

  async insert(row: PointArrivalTable): Promise<void> {
    await this.#db.insertInto('point_arrival').values(row).execute();
  }

  async list(pointId: ServicePointId, from: Date, to: Date): Promise<Arrival[]> {
    const rows = await this.#view()
      .where('a.point_id', '=', pointId)
      .where('a.arrived_at', '>=', from.toISOString())
      .where('a.arrived_at', '<', to.toISOString())
      .orderBy('a.arrived_at')
      .execute();
    return rows.map(toArrival);
  }

  async get(id: string): Promise<Arrival | undefined> {
    return (await this.#view().where('a.id', '=', id).execute()).map(toArrival)[0];
  }

  /**
   * Matches a customer who starts waiting to the point's most recent arrival that no
   * waiting customer has yet, marked since `since`. The conditional update makes the
   * match atomic: two customers arriving at once never get the same arrival.
   */
  async attachLatest(pointId: ServicePointId, peerId: PeerId, since: Date, now: Date): Promise<string | undefined> {
    for (let attempt = 0; attempt < 3; attempt++) {
      const candidate = await this.#db
        .selectFrom('point_arrival')
        .select('id')
        .where('point_id', '=', pointId)
        .where('attached_peer_id', 'is', null)
        .where('arrived_at', '>=', since.toISOString())
        .orderBy('arrived_at', 'desc')
        .orderBy('id', 'desc')
        .executeTakeFirst();
      if (!candidate) return undefined;
      const res = await this.#db
        .updateTable('point_arrival')
        .set({ attached_peer_id: peerId, attached_at: now.toISOString() })
        .where('id', '=', candidate.id)
        .where('attached_peer_id', 'is', null)
        .executeTakeFirst();
      if (Number(res.numUpdatedRows) === 1) return candidate.id;
    }
    return undefined;
  }

  /** A booking's arrival now belongs to this waiting customer (a customer from home coming back); its id, if there is one. */
  async attachBooking(bookingId: string, peerId: PeerId, now: Date): Promise<string | undefined> {
    const row = await this.#db.selectFrom('point_arrival').select('id').where('booking_id', '=', bookingId).orderBy('arrived_at', 'desc').executeTakeFirst();
    if (!row) return undefined;
    await this.#db.updateTable('point_arrival').set({ attached_peer_id: peerId, attached_at: now.toISOString() }).where('id', '=', row.id).execute();
    return row.id;
  }

  async bookingOfPeer(pointId: ServicePointId, peerId: PeerId): Promise<string | undefined> {
    const row = await this.#db
      .selectFrom('point_arrival')
      .select('booking_id')
      .where('point_id', '=', pointId)
      .where('attached_peer_id', '=', peerId)
      .executeTakeFirst();
    return row?.booking_id ?? undefined;
  }

  #view() {
    return this.#db
      .selectFrom('point_arrival as a')
      .innerJoin('provider as pr', 'pr.id', 'a.provider_id')
      .innerJoin('service as s', 's.id', 'a.service_id')
      .selectAll('a')
      .select([
        'pr.name_fi as provider_name_fi',
        'pr.name_sv as provider_name_sv',
        'pr.name_en as provider_name_en',
        's.name_fi as service_name_fi',
        's.name_sv as service_name_sv',
        's.name_en as service_name_en',
      ]);
  }
}

type ViewRow = PointArrivalTable & {
  provider_name_fi: string;
  provider_name_sv: string;
  provider_name_en: string;
  service_name_fi: string;
  service_name_sv: string;
  service_name_en: string;
};

function toArrival(r: ViewRow): Arrival {
  return ArrivalSchema.parse({
    id: r.id,
    kind: r.kind,
    pointId: r.point_id,
    bookingId: r.booking_id,
    provider: { id: r.provider_id, nameFi: r.provider_name_fi, nameSv: r.provider_name_sv, nameEn: r.provider_name_en },
    service: { id: r.service_id, nameFi: r.service_name_fi, nameSv: r.service_name_sv, nameEn: r.service_name_en },
    arrivedAt: r.arrived_at,
    attached: r.attached_peer_id !== null,
  });
}
