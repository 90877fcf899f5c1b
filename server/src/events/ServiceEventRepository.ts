import { z } from 'zod';
import {
  ClassificationSchema,
  EventFormSchema,
  EventQualitySchema,
  EventStaffSchema,
  ServiceEventSchema,
  type ServiceEvent,
  type ServicePointId,
  type ServiceSessionId,
  type StaffUserId,
} from '@kanava/shared';
import type { Selectable } from 'kysely';
import type { DbOrTx } from '../db/database.ts';
import type { NewServiceEvent } from './buildServiceEvent.ts';
import type { ServiceEventRatingTable, ServiceEventTable } from './tables.ts';

const Classifications = z.array(ClassificationSchema);
const Staff = z.array(EventStaffSchema);
const Forms = z.array(EventFormSchema);

export interface ClassificationChange {
  providerId: string;
  serviceId: string;
  code: string;
  note: string;
  byName: string;
}

/** Service events as records: written once when the session ends; later only the classification and staff ratings change. */
export class ServiceEventRepository {
  readonly #db: DbOrTx;

  constructor(db: DbOrTx) {
    this.#db = db;
  }

  /** Writes the event of an ended session; a second write of the same session (a retry) changes nothing. */
  async insert(e: NewServiceEvent, now: Date): Promise<boolean> {
    const row: ServiceEventTable = {
      id: e.id,
      point_id: e.pointId,
      provider_id: e.providerId,
      service_id: e.serviceId,
      booking_id: e.bookingId,
      expert_account_id: e.expert.accountId,
      expert_name: e.expert.name,
      advisors: JSON.stringify(e.advisors),
      admitted_at: e.admittedAt.toISOString(),
      ended_at: e.endedAt.toISOString(),
      duration_s: e.durationS,
      lobby_wait_s: e.lobbyWaitS,
      below_minimum_ms: e.quality.belowMinimumMs,
      quality: JSON.stringify(e.quality),
      forms: JSON.stringify(e.forms),
      classification_code: null,
      classification_note: '',
      classified_by_name: null,
      classified_at: null,
      created_at: now.toISOString(),
    };
    const r = await this.#db
      .insertInto('service_event')
      .values(row)
      .onConflict((oc) => oc.column('id').doNothing())
      .executeTakeFirst();
    return Number(r.numInsertedOrUpdatedRows ?? 0n) === 1;
  }

  async row(id: ServiceSessionId): Promise<Selectable<ServiceEventTable> | undefined> {
    return this.#db.selectFrom('service_event').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async get(id: ServiceSessionId): Promise<ServiceEvent | undefined> {
    return (await this.#views((q) => q.where('e.id', '=', id)))[0];
  }

  /** A point's events admitted in [from, to), oldest first (the advisor's day view). */
  async listForPoint(pointId: ServicePointId, from: Date, to: Date): Promise<ServiceEvent[]> {
    return this.#views((q) => q.where('e.point_id', '=', pointId).where('e.admitted_at', '>=', from.toISOString()).where('e.admitted_at', '<', to.toISOString()));
  }

  /** The only change a closed event takes: its classification and note (with the service, when it was not known or was wrong). */
  async classify(id: ServiceSessionId, c: ClassificationChange, now: Date): Promise<void> {
    await this.#db
      .updateTable('service_event')
      .set({
        provider_id: c.providerId,
        service_id: c.serviceId,
        classification_code: c.code,
        classification_note: c.note,
        classified_by_name: c.byName,
        classified_at: now.toISOString(),
      })
      .where('id', '=', id)
      .execute();
  }

  async rate(r: { eventId: ServiceSessionId; accountId: StaffUserId; name: string; role: 'expert' | 'advisor'; rating: number }, now: Date): Promise<void> {
    const values: ServiceEventRatingTable = {
      event_id: r.eventId,
      account_id: r.accountId,
      account_name: r.name,
      role: r.role,
      rating: r.rating,
      rated_at: now.toISOString(),
    };
    await this.#db
      .insertInto('service_event_rating')
      .values(values)
      .onConflict((oc) => oc.columns(['event_id', 'account_id']).doUpdateSet({ rating: r.rating, rated_at: values.rated_at, role: r.role }))
      .execute();
  }

  /** Retention: events that ended before the cutoff go, with their ratings (cascade). */
  async deleteEndedBefore(cutoff: Date): Promise<number> {
    const r = await this.#db.deleteFrom('service_event').where('ended_at', '<', cutoff.toISOString()).executeTakeFirst();
    return Number(r.numDeletedRows);
  }

  async #views(filter: (q: ViewQuery) => ViewQuery): Promise<ServiceEvent[]> {
    const rows = await filter(this.viewQuery()).orderBy('e.admitted_at').orderBy('e.id').execute();
    if (rows.length === 0) return [];
    const ratings = await this.#db
      .selectFrom('service_event_rating')
      .selectAll()
      .where(
        'event_id',
        'in',
        rows.map((r) => r.id),
      )
      .orderBy('rated_at')
      .execute();
    return rows.map((row) => toEvent(row, ratings.filter((r) => r.event_id === row.id)));
  }

  viewQuery() {
    return this.#db
      .selectFrom('service_event as e')
      .innerJoin('service_point as p', 'p.id', 'e.point_id')
      .leftJoin('provider as pr', 'pr.id', 'e.provider_id')
      .leftJoin('service as s', 's.id', 'e.service_id')
      .selectAll('e')
      .select([
        'p.slug as point_slug',
        'p.name_fi as point_name_fi',
        'p.name_sv as point_name_sv',
        'pr.name_fi as provider_name_fi',
        'pr.name_sv as provider_name_sv',
        'pr.name_en as provider_name_en',
        's.name_fi as service_name_fi',
        's.name_sv as service_name_sv',
        's.name_en as service_name_en',
        's.classifications as service_classifications',
      ]);
  }
}

type ViewQuery = ReturnType<ServiceEventRepository['viewQuery']>;

type ViewRow = Selectable<ServiceEventTable> & {
  point_slug: string;
  point_name_fi: string;
  point_name_sv: string;
  provider_name_fi: string | null;
  provider_name_sv: string | null;
  provider_name_en: string | null;
  service_name_fi: string | null;
  service_name_sv: string | null;
  service_name_en: string | null;
  service_classifications: string | null;
};

/** The classification's names from the service's list; a code since removed from the list keeps its code as its name. */
export function classificationNames(classificationsJson: string | null, code: string) {
  const list = classificationsJson ? Classifications.parse(JSON.parse(classificationsJson)) : [];
  const c = list.find((x) => x.code === code);
  return { nameFi: c?.nameFi ?? code, nameSv: c?.nameSv ?? code, nameEn: c?.nameEn ?? code };
}

function toEvent(row: ViewRow, ratings: Selectable<ServiceEventRatingTable>[]): ServiceEvent {
  return ServiceEventSchema.parse({
    id: row.id,
    point: { id: row.point_id, slug: row.point_slug, nameFi: row.point_name_fi, nameSv: row.point_name_sv },
    provider: row.provider_id ? { id: row.provider_id, nameFi: row.provider_name_fi, nameSv: row.provider_name_sv, nameEn: row.provider_name_en } : null,
    service: row.service_id ? { id: row.service_id, nameFi: row.service_name_fi, nameSv: row.service_name_sv, nameEn: row.service_name_en } : null,
    bookingId: row.booking_id,
    expert: { accountId: row.expert_account_id, name: row.expert_name },
    advisors: Staff.parse(JSON.parse(row.advisors)),
    admittedAt: row.admitted_at,
    endedAt: row.ended_at,
    durationS: Number(row.duration_s),
    lobbyWaitS: row.lobby_wait_s === null ? null : Number(row.lobby_wait_s),
    quality: EventQualitySchema.parse(JSON.parse(row.quality)),
    forms: Forms.parse(JSON.parse(row.forms)),
    classification:
      row.classification_code && row.classified_at
        ? {
            code: row.classification_code,
            ...classificationNames(row.service_classifications, row.classification_code),
            note: row.classification_note,
            by: row.classified_by_name ?? '',
            at: row.classified_at,
          }
        : null,
    staffRatings: ratings.map((r) => ({ accountId: r.account_id, name: r.account_name, role: r.role, rating: Number(r.rating), ratedAt: r.rated_at })),
  });
}
