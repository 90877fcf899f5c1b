import type { DbOrTx } from '../db/database.ts';
import type { BookingMailTable } from './tables.ts';

/**
 * What a booking mail is: to the expert, the invitation (or its update), the cancellation, the
 * reminder; to a customer at home, their personal link (`homeLink`) and the cancellation (`homeCancel`).
 */
export type BookingMailKind = 'request' | 'cancel' | 'reminder' | 'homeLink' | 'homeCancel';

/**
 * A mail's life: `pending` (due at `due_at`) → `sending` (claimed by one job) → `sent`;
 * a refused send goes back to `pending` later, or ends `failed`; `void` when the booking
 * changed before it was due; `unknown` when a job died while sending (never sent again:
 * at most once is the promise).
 */
export type BookingMailState = 'pending' | 'sending' | 'sent' | 'failed' | 'void' | 'unknown';

export type BookingMailRow = BookingMailTable;

/** The booking mail outbox, written in the booking's own transaction. */
export class BookingMailRepository {
  readonly #db: DbOrTx;

  constructor(db: DbOrTx) {
    this.#db = db;
  }

  async enqueue(m: { bookingId: string; kind: BookingMailKind; sequence: number; dueAt: Date }, now: Date): Promise<void> {
    const row: BookingMailTable = {
      id: crypto.randomUUID(),
      booking_id: m.bookingId,
      kind: m.kind,
      sequence: m.sequence,
      due_at: m.dueAt.toISOString(),
      state: 'pending' satisfies BookingMailState,
      attempts: 0,
      last_error: null,
      claimed_at: null,
      sent_at: null,
      created_at: now.toISOString(),
    };
    await this.#db.insertInto('booking_mail').values(row).execute();
  }

  /** A booking that moved or ended needs no reminder any more. */
  async voidPending(bookingId: string, kind: BookingMailKind): Promise<void> {
    await this.#db
      .updateTable('booking_mail')
      .set({ state: 'void' satisfies BookingMailState })
      .where('booking_id', '=', bookingId)
      .where('kind', '=', kind)
      .where('state', '=', 'pending')
      .execute();
  }

  async due(now: Date, limit: number): Promise<BookingMailRow[]> {
    return this.#db
      .selectFrom('booking_mail')
      .selectAll()
      .where('state', '=', 'pending')
      .where('due_at', '<=', now.toISOString())
      .orderBy('due_at')
      .orderBy('created_at')
      .orderBy('sequence')
      .limit(limit)
      .execute();
  }

  /** Takes a pending mail for this job alone; false when another job (or node) took it first. */
  async claim(id: string, now: Date): Promise<boolean> {
    const res = await this.#db
      .updateTable('booking_mail')
      .set({ state: 'sending' satisfies BookingMailState, claimed_at: now.toISOString() })
      .where('id', '=', id)
      .where('state', '=', 'pending')
      .executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  }

  async settle(id: string, state: 'sent' | 'void', now: Date): Promise<void> {
    await this.#db
      .updateTable('booking_mail')
      .set({ state, sent_at: state === 'sent' ? now.toISOString() : null })
      .where('id', '=', id)
      .execute();
  }

  /** The server refused the message: try again later, or give up after a few attempts. */
  async refused(id: string, error: string, retryAt: Date | null): Promise<void> {
    const row = await this.#db.selectFrom('booking_mail').select('attempts').where('id', '=', id).executeTakeFirst();
    await this.#db
      .updateTable('booking_mail')
      .set({
        attempts: (row?.attempts ?? 0) + 1,
        last_error: error.slice(0, 500),
        state: retryAt ? ('pending' satisfies BookingMailState) : ('failed' satisfies BookingMailState),
        ...(retryAt ? { due_at: retryAt.toISOString() } : {}),
      })
      .where('id', '=', id)
      .execute();
  }

  /** Mails left `sending` by a job that died: whether they went out is unknown, so they are not sent again. */
  async abandonStale(olderThan: Date): Promise<number> {
    const res = await this.#db
      .updateTable('booking_mail')
      .set({ state: 'unknown' satisfies BookingMailState })
      .where('state', '=', 'sending')
      .where('claimed_at', '<', olderThan.toISOString())
      .executeTakeFirst();
    return Number(res.numUpdatedRows);
  }

  async forBooking(bookingId: string): Promise<BookingMailRow[]> {
    return this.#db.selectFrom('booking_mail').selectAll().where('booking_id', '=', bookingId).orderBy('created_at').orderBy('kind', 'desc').execute();
  }
}
