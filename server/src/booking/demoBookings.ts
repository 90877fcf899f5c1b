import { DateTime } from 'luxon';
import { PointSlugSchema, type CustomerDetails, type NewBookableRule, type StaffUser, type Weekday } from '@kanava/shared';
import type { Logger } from '../logger.ts';
import { ZONE, helsinkiDate } from '../records/time.ts';
import type { BookingStore } from './BookingStore.ts';
import { newBookingRow } from './bookingRows.ts';
import { cellsOf, plusMinutes } from './grid.ts';
import { startOfDate, datesFrom } from './slots.ts';

const weekdaysMonFri: Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri'];

/** Fictional bookable times of the demo experts (journey 8: housing allowance, 30 min + 10 min buffer). */
const demoRules: { provider: string; service: string; expert: string; from: string; to: string; slot: number; buffer: number }[] = [
  { provider: 'kela', service: 'housing-allowance', expert: 'mikko.expert@kanava.example', from: '09:00', to: '12:00', slot: 30, buffer: 10 },
  { provider: 'kela', service: 'social-assistance', expert: 'mikko.expert@kanava.example', from: '12:30', to: '15:00', slot: 45, buffer: 15 },
  { provider: 'vero', service: 'tax-card', expert: 'ella.expert@kanava.example', from: '09:00', to: '14:00', slot: 20, buffer: 10 },
];

/** Today's fictional bookings at Kuhmo, so the agenda and the day view are not empty. */
const demoToday: { provider: string; service: string; expert: string; at: string; customer: CustomerDetails }[] = [
  { provider: 'kela', service: 'housing-allowance', expert: 'mikko.expert@kanava.example', at: '10:20', customer: { name: 'Aino Esimerkki', contact: '040 000 0001', note: 'Asumistuen hakemus, vuokrasopimus mukana' } },
  { provider: 'kela', service: 'housing-allowance', expert: 'mikko.expert@kanava.example', at: '11:00', customer: { name: 'Olli Malli', contact: '', note: '' } },
  { provider: 'vero', service: 'tax-card', expert: 'ella.expert@kanava.example', at: '09:30', customer: { name: 'Pekka Testinen', contact: 'pekka@example.invalid', note: 'Muutosverokortti' } },
  { provider: 'vero', service: 'tax-card', expert: 'ella.expert@kanava.example', at: '13:30', customer: { name: 'Liisa Esimerkki', contact: '', note: '' } },
];

/**
 * Demo rules (once per provider) and, on each start, today's demo bookings at Kuhmo unless
 * the point already has bookings today. The bookings are written directly (they are not
 * checked against the rules, so a weekend start still shows some) and send no mail.
 */
export async function seedDemoBookings(store: BookingStore, log: Logger, now: Date): Promise<void> {
  const r = store.repos;
  const kuhmo = await r.points.getBySlug(PointSlugSchema.parse('kuhmo'));
  if (!kuhmo) return;
  const lookup = async (provider: string, service: string, expert: string) => {
    const p = await r.providers.getByCode(provider);
    const s = p ? (await r.services.listByProvider(p.id)).find((x) => x.code === service) : undefined;
    const credentials = await r.accounts.credentialsByEmail(expert);
    const account = credentials ? await r.accounts.get(credentials.id) : undefined;
    return p && s && account ? { provider: p, service: s, expert: account } : undefined;
  };

  for (const rule of demoRules) {
    const found = await lookup(rule.provider, rule.service, rule.expert);
    if (!found || (await r.times.rules({ serviceId: found.service.id })).length > 0) continue;
    for (const weekday of weekdaysMonFri) {
      const input: NewBookableRule = { serviceId: found.service.id, expertId: found.expert.id, weekday, from: rule.from, to: rule.to, slotMinutes: rule.slot, bufferMinutes: rule.buffer };
      await r.times.createRule(found.provider.id, input, now);
    }
  }

  const today = helsinkiDate(now);
  const tomorrow = datesFrom(today, 2)[1] ?? today;
  const existing = await r.bookings.list({ pointId: kuhmo.id, from: startOfDate(today), to: startOfDate(tomorrow), states: ['held', 'confirmed', 'arrived', 'served', 'noShow', 'cancelled'] });
  if (existing.length > 0) return;
  let created = 0;
  for (const b of demoToday) {
    const found = await lookup(b.provider, b.service, b.expert);
    const rule = demoRules.find((x) => x.service === b.service);
    if (!found || !rule) continue;
    const startsAt = DateTime.fromISO(`${today}T${b.at}`, { zone: ZONE }).toJSDate();
    const slot = { startsAt, endsAt: plusMinutes(startsAt, rule.slot), expertId: found.expert.id, bufferMinutes: rule.buffer };
    const bookedBy: StaffUser = { id: found.expert.id, displayName: 'Kanava', email: '', roles: [] };
    const row = { ...newBookingRow({ slot, pointId: kuhmo.id, providerId: found.provider.id, serviceId: found.service.id, state: 'confirmed', heldUntil: null, customer: b.customer, bookedBy, now }), booked_by: null };
    try {
      await store.transaction(async (t) => {
        await t.bookings.insert(row);
        await t.bookings.claim(row.id, slot.expertId, cellsOf(slot.startsAt, plusMinutes(slot.endsAt, slot.bufferMinutes)));
      });
      created++;
    } catch (err) {
      log.warn({ err, at: b.at }, 'demo booking skipped');
    }
  }
  log.info({ created, date: today }, 'demo bookings for today at Kuhmo');
}
