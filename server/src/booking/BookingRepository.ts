import { z } from 'zod';
import {
  BookingIdSchema,
  BookingSchema,
  BookingStateSchema,
  ProviderIdSchema,
  ServiceIdSchema,
  ServicePointIdSchema,
  StaffUserIdSchema,
  type Booking,
  type BookingId,
  type BookingState,
  type CustomerDetails,
  type ServicePointId,
  type StaffUserId,
} from '@kanava/shared';
import type { Selectable } from 'kysely';
import type { DbOrTx } from '../db/database.ts';
import type { BookingTable } from './tables.ts';

/** A booking row as read: ids branded and the state one of the lifecycle's, checked on the way in. */
const BookingRowSchema = z.object({
  id: BookingIdSchema,
  point_id: ServicePointIdSchema,
  provider_id: ProviderIdSchema,
  service_id: ServiceIdSchema,
  expert_id: StaffUserIdSchema,
  state: BookingStateSchema,
});
export type BookingRow = Omit<Selectable<BookingTable>, keyof z.infer<typeof BookingRowSchema>> & z.infer<typeof BookingRowSchema>;

/** Bookings and the grid cells they occupy. Every write runs inside the caller's transaction. */
export class BookingRepository {
  readonly #db: DbOrTx;

  constructor(db: DbOrTx) {
    this.#db = db;
  }

  async row(id: BookingId): Promise<BookingRow | undefined> {
    const row = await this.#db.selectFrom('booking').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? { ...row, ...BookingRowSchema.parse(row) } : undefined;
  }

  async get(id: BookingId): Promise<Booking | undefined> {
    return (await this.#view().where('b.id', '=', id).execute()).map(toBooking)[0];
  }

  /** Bookings starting in [from, to), of one expert or at one point, in the given states. */
  async list(filter: { expertId?: StaffUserId; pointId?: ServicePointId; from: Date; to: Date; states: readonly BookingState[] }): Promise<Booking[]> {
    let q = this.#view()
      .where('b.starts_at', '>=', filter.from.toISOString())
      .where('b.starts_at', '<', filter.to.toISOString())
      .where('b.state', 'in', filter.states)
      .orderBy('b.starts_at')
      .orderBy('b.id');
    if (filter.expertId) q = q.where('b.expert_id', '=', filter.expertId);
    if (filter.pointId) q = q.where('b.point_id', '=', filter.pointId);
    return (await q.execute()).map(toBooking);
  }

  async insert(row: BookingTable): Promise<void> {
    await this.#db.insertInto('booking').values(row).execute();
  }

  /**
   * Occupies the expert's cells for the booking. The primary key (expert, cell) makes the
   * database refuse an overlapping booking: the caller turns that into "slot taken".
   */
  async claim(bookingId: string, expertId: string, cells: readonly string[]): Promise<void> {
    if (cells.length === 0) return;
    await this.#db
      .insertInto('booking_claim')
      .values(cells.map((cell_at) => ({ expert_id: expertId, cell_at, booking_id: bookingId })))
      .execute();
  }

  async release(bookingId: string): Promise<void> {
    await this.#db.deleteFrom('booking_claim').where('booking_id', '=', bookingId).execute();
  }

  /**
   * Frees the cells of holds that lapsed, where they stand in the way of these cells. Not a
   * check before the insert: the insert still decides; this only lets a lapsed hold go.
   */
  async expireLapsedHolds(expertId: string, cells: readonly string[], now: Date): Promise<number> {
    if (cells.length === 0) return 0;
    const lapsed = await this.#db
      .selectFrom('booking_claim as c')
      .innerJoin('booking as b', 'b.id', 'c.booking_id')
      .select('b.id')
      .distinct()
      .where('c.expert_id', '=', expertId)
      .where('c.cell_at', 'in', cells)
      .where('b.state', '=', 'held')
      .where('b.held_until', '<=', now.toISOString())
      .execute();
    return this.#expire(lapsed.map((r) => r.id), now);
  }

  /** Every hold that lapsed (the scheduled job's sweep). */
  async expireAllLapsedHolds(now: Date): Promise<number> {
    const lapsed = await this.#db.selectFrom('booking').select('id').where('state', '=', 'held').where('held_until', '<=', now.toISOString()).execute();
    return this.#expire(lapsed.map((r) => r.id), now);
  }

  async #expire(ids: string[], now: Date): Promise<number> {
    if (ids.length === 0) return 0;
    // `state = 'held'` again: a hold confirmed meanwhile is not expired.
    const res = await this.#db
      .updateTable('booking')
      .set({ state: 'expired', held_until: null, updated_at: now.toISOString() })
      .where('id', 'in', ids)
      .where('state', '=', 'held')
      .executeTakeFirst();
    await this.#db
      .deleteFrom('booking_claim')
      .where('booking_id', 'in', this.#db.selectFrom('booking').select('id').where('id', 'in', ids).where('state', '=', 'expired'))
      .execute();
    return Number(res.numUpdatedRows);
  }

  /**
   * Moves a booking from one state to another only if it is still in the first: two
   * advisors pressing buttons at once cannot both win. Returns whether it moved.
   */
  async move(id: BookingId, from: BookingState, to: BookingState, now: Date, patch: Partial<BookingTable> = {}): Promise<boolean> {
    const res = await this.#db
      .updateTable('booking')
      .set({ ...patch, state: to, updated_at: now.toISOString() })
      .where('id', '=', id)
      .where('state', '=', from)
      .executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  }

  async setCustomer(id: BookingId, c: CustomerDetails): Promise<void> {
    await this.#db
      .updateTable('booking')
      .set({ customer_name: c.name, customer_contact: c.contact, customer_note: c.note })
      .where('id', '=', id)
      .execute();
  }

  /** The taken cells of these experts between two instants, as "expert|cell" keys. */
  async busyCells(expertIds: readonly string[], from: Date, to: Date): Promise<Set<string>> {
    if (expertIds.length === 0) return new Set();
    const rows = await this.#db
      .selectFrom('booking_claim')
      .select(['expert_id', 'cell_at'])
      .where('expert_id', 'in', expertIds)
      .where('cell_at', '>=', from.toISOString())
      .where('cell_at', '<', to.toISOString())
      .execute();
    return new Set(rows.map((r) => `${r.expert_id}|${r.cell_at}`));
  }

  #view() {
    return this.#db
      .selectFrom('booking as b')
      .innerJoin('service_point as p', 'p.id', 'b.point_id')
      .innerJoin('provider as pr', 'pr.id', 'b.provider_id')
      .innerJoin('service as s', 's.id', 'b.service_id')
      .innerJoin('staff_account as a', 'a.id', 'b.expert_id')
      .leftJoin('booking_link as l', 'l.booking_id', 'b.id')
      .selectAll('b')
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
        'a.display_name as expert_name',
        'l.email as home_email',
      ]);
  }
}

type ViewRow = Selectable<BookingTable> & {
  point_slug: string;
  point_name_fi: string;
  point_name_sv: string;
  provider_name_fi: string;
  provider_name_sv: string;
  provider_name_en: string;
  service_name_fi: string;
  service_name_sv: string;
  service_name_en: string;
  expert_name: string;
  home_email: string | null;
};

function toBooking(r: ViewRow): Booking {
  return BookingSchema.parse({
    id: r.id,
    state: r.state,
    point: { id: r.point_id, slug: r.point_slug, nameFi: r.point_name_fi, nameSv: r.point_name_sv },
    provider: { id: r.provider_id, nameFi: r.provider_name_fi, nameSv: r.provider_name_sv, nameEn: r.provider_name_en },
    service: { id: r.service_id, nameFi: r.service_name_fi, nameSv: r.service_name_sv, nameEn: r.service_name_en },
    expert: { id: r.expert_id, displayName: r.expert_name },
    startsAt: r.starts_at,
    endsAt: r.ends_at,
    heldUntil: r.held_until,
    customer: r.customer_name === null ? null : { name: r.customer_name, contact: r.customer_contact ?? '', note: r.customer_note ?? '' },
    sequence: r.sequence,
    rescheduledFrom: r.rescheduled_from,
    rescheduledTo: r.rescheduled_to,
    fromHome: r.home_email === null ? null : { email: r.home_email },
  });
}
