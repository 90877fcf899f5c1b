import type { DbOrTx } from '../../db/database.ts';
import type { BookingLinkTable } from '../tables.ts';

export type BookingLinkRow = BookingLinkTable;

/** Why a link stopped working before its time: the customer is told which. */
export type RevokedReason = 'cancelled' | 'moved';

/** Customers' personal links; written in the booking's own transaction. */
export class BookingLinkRepository {
  readonly #db: DbOrTx;

  constructor(db: DbOrTx) {
    this.#db = db;
  }

  async insert(row: BookingLinkTable): Promise<void> {
    await this.#db.insertInto('booking_link').values(row).execute();
  }

  async byTokenHash(tokenHash: string): Promise<BookingLinkRow | undefined> {
    return this.#db.selectFrom('booking_link').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
  }

  async forBooking(bookingId: string): Promise<BookingLinkRow | undefined> {
    return this.#db.selectFrom('booking_link').selectAll().where('booking_id', '=', bookingId).executeTakeFirst();
  }

  /** The link stops working at once; a link already revoked keeps its first reason. */
  async revoke(bookingId: string, reason: RevokedReason, now: Date): Promise<boolean> {
    const res = await this.#db
      .updateTable('booking_link')
      .set({ revoked_at: now.toISOString(), revoked_reason: reason })
      .where('booking_id', '=', bookingId)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  }
}
