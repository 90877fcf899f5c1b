import { z } from 'zod';
import { BookingSchema, FreeSlotSchema } from '@kanava/shared';
import type { RunningKanava } from '../../app.ts';
import type { ApiClient } from '../../http/routes/testing/apiClient.ts';
import { helsinkiDate } from '../../records/time.ts';

/** The records the authorisation matrix's booking rows act on, made by the Kuhmo advisor through the API. */
export interface BookingMatrixIds {
  mikko: string;
  /** One rule and one exception per role, so that each role's DELETE meets a record of its own. */
  rules: Record<string, string>;
  exceptions: Record<string, string>;
  /** A free slot for the "hold" row, and another for the "reschedule" row. */
  freeSlot: { startsAt: string; expertId: string };
  rescheduleTo: string;
  held: string;
  booked: string;
  toCancel: string;
  todaysBooking: string;
}

export async function bookingMatrixIds(
  kanava: RunningKanava,
  a: { advisor: ApiClient; kelaAdmin: ApiClient; roles: readonly string[]; kuhmo: string; kela: string; kelaService: string },
): Promise<BookingMatrixIds> {
  const mikko = (await kanava.records.repos.accounts.credentialsByEmail('mikko.expert@kanava.example'))?.id ?? '';
  const rules: Record<string, string> = {};
  const exceptions: Record<string, string> = {};
  for (const role of a.roles) {
    const rule = await a.kelaAdmin.request('POST', '/api/booking/rules', { serviceId: a.kelaService, expertId: mikko, weekday: 'sat', from: '10:00', to: '11:00', slotMinutes: 30, bufferMinutes: 0 });
    const exception = await a.kelaAdmin.request('POST', '/api/booking/exceptions', { providerId: a.kela, date: '2031-01-02', note: 'Vapaa' });
    rules[role] = (rule.json as { id: string }).id;
    exceptions[role] = (exception.json as { id: string }).id;
  }
  const today = helsinkiDate(new Date());
  const res = await a.advisor.request('GET', `/api/booking/slots?pointId=${a.kuhmo}&serviceId=${a.kelaService}&from=${today}&days=14`);
  const slots = z.array(FreeSlotSchema).parse(res.json).slice(-5);
  if (slots.length < 5) throw new Error('the matrix needs five free slots');
  const holdOf = async (i: number) => BookingSchema.parse((await a.advisor.request('POST', '/api/booking/holds', { pointId: a.kuhmo, serviceId: a.kelaService, expertId: slots[i]?.expertId, startsAt: slots[i]?.startsAt })).json).id;
  const confirmed = async (i: number) => {
    const id = await holdOf(i);
    await a.advisor.request('POST', `/api/booking/bookings/${id}/confirm`, { customer: { name: 'Matriisi' } });
    return id;
  };
  const todays = await kanava.db.selectFrom('booking').select(['id', 'starts_at']).where('point_id', '=', a.kuhmo).where('expert_id', '=', mikko).where('state', '=', 'confirmed').orderBy('starts_at').execute();
  return {
    mikko,
    rules,
    exceptions,
    freeSlot: { startsAt: slots[0]?.startsAt ?? '', expertId: slots[0]?.expertId ?? '' },
    rescheduleTo: slots[1]?.startsAt ?? '',
    held: await holdOf(2),
    booked: await confirmed(3),
    toCancel: await confirmed(4),
    todaysBooking: todays.find((b) => helsinkiDate(new Date(b.starts_at)) === today)?.id ?? '',
  };
}
