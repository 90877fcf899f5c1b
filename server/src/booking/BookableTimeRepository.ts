import {
  BookableRuleSchema,
  BookingExceptionSchema,
  type BookableRule,
  type BookableRuleId,
  type BookingException,
  type BookingExceptionId,
  type NewBookableRule,
  type NewBookingException,
  type ProviderId,
  type ServiceId,
} from '@kanava/shared';
import type { Selectable } from 'kysely';
import type { DbOrTx } from '../db/database.ts';
import type { BookableRuleTable, BookingExceptionTable } from './tables.ts';

/** The provider admins' bookable times: weekly rules per service and expert, and their exceptions. */
export class BookableTimeRepository {
  readonly #db: DbOrTx;

  constructor(db: DbOrTx) {
    this.#db = db;
  }

  async rules(filter: { providerId?: ProviderId; serviceId?: ServiceId }): Promise<BookableRule[]> {
    let q = this.#db.selectFrom('bookable_rule').selectAll().orderBy('service_id').orderBy('expert_id').orderBy('weekday').orderBy('from_time');
    if (filter.providerId) q = q.where('provider_id', '=', filter.providerId);
    if (filter.serviceId) q = q.where('service_id', '=', filter.serviceId);
    return (await q.execute()).map(toRule);
  }

  async rule(id: BookableRuleId): Promise<BookableRule | undefined> {
    const row = await this.#db.selectFrom('bookable_rule').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toRule(row) : undefined;
  }

  async createRule(providerId: ProviderId, r: NewBookableRule, now: Date): Promise<BookableRule> {
    const at = now.toISOString();
    const row: BookableRuleTable = {
      id: crypto.randomUUID(),
      provider_id: providerId,
      service_id: r.serviceId,
      expert_id: r.expertId,
      weekday: r.weekday,
      from_time: r.from,
      to_time: r.to,
      slot_minutes: r.slotMinutes,
      buffer_minutes: r.bufferMinutes,
      created_at: at,
      updated_at: at,
    };
    await this.#db.insertInto('bookable_rule').values(row).execute();
    return toRule(row);
  }

  async deleteRule(id: BookableRuleId): Promise<void> {
    await this.#db.deleteFrom('bookable_rule').where('id', '=', id).execute();
  }

  /** A provider's exceptions, optionally only those between two Helsinki dates (inclusive). */
  async exceptions(providerId: ProviderId, range?: { from: string; to: string }): Promise<BookingException[]> {
    let q = this.#db.selectFrom('booking_exception').selectAll().where('provider_id', '=', providerId).orderBy('date').orderBy('id');
    if (range) q = q.where('date', '>=', range.from).where('date', '<=', range.to);
    return (await q.execute()).map(toException);
  }

  async exception(id: BookingExceptionId): Promise<BookingException | undefined> {
    const row = await this.#db.selectFrom('booking_exception').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toException(row) : undefined;
  }

  async createException(e: NewBookingException, now: Date): Promise<BookingException> {
    const row: BookingExceptionTable = {
      id: crypto.randomUUID(),
      provider_id: e.providerId,
      expert_id: e.expertId,
      date: e.date,
      from_time: e.from,
      to_time: e.to,
      note: e.note,
      created_at: now.toISOString(),
    };
    await this.#db.insertInto('booking_exception').values(row).execute();
    return toException(row);
  }

  async deleteException(id: BookingExceptionId): Promise<void> {
    await this.#db.deleteFrom('booking_exception').where('id', '=', id).execute();
  }
}

function toRule(r: Selectable<BookableRuleTable>): BookableRule {
  return BookableRuleSchema.parse({
    id: r.id,
    providerId: r.provider_id,
    serviceId: r.service_id,
    expertId: r.expert_id,
    weekday: r.weekday,
    from: r.from_time,
    to: r.to_time,
    slotMinutes: r.slot_minutes,
    bufferMinutes: r.buffer_minutes,
  });
}

function toException(r: Selectable<BookingExceptionTable>): BookingException {
  return BookingExceptionSchema.parse({
    id: r.id,
    providerId: r.provider_id,
    expertId: r.expert_id,
    date: r.date,
    from: r.from_time,
    to: r.to_time,
    note: r.note,
  });
}
