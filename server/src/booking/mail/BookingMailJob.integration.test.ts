import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import {
  NewPointSchema,
  NewProviderSchema,
  NewServiceSchema,
  emptyOpeningHours,
  type Booking,
  type StaffUser,
} from '@kanava/shared';
import { dialects, openTestDatabase, type TestDatabase } from '../../db/testing/testDatabases.ts';
import { createMailer } from '../../records/mailer.ts';
import { Records } from '../../records/Records.ts';
import { BookingStore } from '../BookingStore.ts';
import type { BookingContext } from '../context.ts';
import { defaultBookingConfig } from '../config.ts';
import { cancelBooking } from '../handlers/cancelBooking.ts';
import { confirmBooking } from '../handlers/confirmBooking.ts';
import { createHold } from '../handlers/createHold.ts';
import { calendarOf, startSmtpSink, type SmtpSink } from '../testing/smtpSink.ts';
import { BookingMailJob } from './BookingMailJob.ts';
import { LinkTokens } from '../links/linkTokens.ts';

const linkTokens = new LinkTokens(Buffer.alloc(32, 2));

const log = pino({ level: 'silent' });
// A Monday morning in winter; the bookings are on Tuesday 8.1.2030 (UTC+2).
const monday = new Date('2030-01-07T08:00:00Z');

describe.each(dialects)('booking mail job on %s', (dialect) => {
  let smtp: SmtpSink;
  let t: TestDatabase;
  let store: BookingStore;
  let clock: Date;
  let advisor: StaffUser;
  let ids: { point: Booking['point']['id']; service: Booking['service']['id']; expert: Booking['expert']['id'] };
  const jobs: BookingMailJob[] = [];
  const mailer = () => createMailer({ from: 'Kanava <kanava@kanava.test>', smtpUrl: smtp.url, dir: '/nonexistent' }, log);
  const ctx = (): BookingContext => ({ store, config: { ...defaultBookingConfig, reminderMinutes: 60 }, now: () => clock, mailChanged: () => undefined, linkTokens, log });
  const job = async () => {
    const j = await BookingMailJob.start({ store, mailer: mailer(), publicUrl: () => 'https://kanava.example', organizer: { name: 'Kanava', email: 'kanava@kanava.test' }, linkTokens, linkOpensMinutes: 15, intervalMs: 3_600_000, log, now: () => clock });
    jobs.push(j);
    await j.idle();
    return j;
  };
  const book = async (localTime: string) => {
    const startsAt = new Date(`2030-01-08T${localTime}:00+02:00`).toISOString();
    const held = await createHold(ctx(), advisor, { pointId: ids.point, serviceId: ids.service, expertId: ids.expert, startsAt });
    return confirmBooking(ctx(), advisor, held.id, { name: 'Aino', contact: '', note: '' });
  };
  const mailRows = (bookingId: string) => store.repos.mail.forBooking(bookingId);

  beforeAll(async () => {
    smtp = await startSmtpSink();
  });
  afterAll(async () => {
    await smtp.close();
  });
  beforeEach(async () => {
    clock = monday;
    t = await openTestDatabase(dialect);
    const records = new Records(t.db);
    const hours = emptyOpeningHours();
    hours.weekly.tue = [{ from: '08:00', to: '16:00' }];
    const point = await records.repos.points.create(NewPointSchema.parse({ slug: `p${crypto.randomUUID().slice(0, 8)}`, nameFi: 'Kuhmon asiointipiste', nameSv: 'Kuhmo', municipality: 'Kuhmo', openingHours: hours }), monday, 'live');
    const provider = await records.repos.providers.create(NewProviderSchema.parse({ code: 'kela', nameFi: 'Kela', nameSv: 'FPA', nameEn: 'Kela' }), monday);
    const service = await records.repos.services.create(provider.id, NewServiceSchema.parse({ code: 'housing', nameFi: 'Asumistuki', nameSv: 'Bostadsbidrag', nameEn: 'Housing allowance' }), monday);
    await records.repos.agreements.create({ pointId: point.id, providerId: provider.id, validFrom: '2024-01-01', validTo: null, serviceIds: [service.id] }, monday);
    const expert = await records.repos.accounts.create({ email: `mikko-${point.slug}@kela.example`, displayName: 'Mikko', passwordHash: null, roles: [{ kind: 'expert', providerId: provider.id }] }, monday);
    const sanna = await records.repos.accounts.create({ email: `sanna-${point.slug}@kunta.example`, displayName: 'Sanna', passwordHash: null, roles: [{ kind: 'advisor', pointId: point.id }] }, monday);
    advisor = { id: sanna.id, displayName: sanna.displayName, email: sanna.email, roles: sanna.roles };
    ids = { point: point.id, service: service.id, expert: expert.id };
    store = new BookingStore(t.db);
    await store.repos.times.createRule(provider.id, { serviceId: service.id, expertId: expert.id, weekday: 'tue', from: '09:00', to: '12:00', slotMinutes: 30, bufferMinutes: 10 }, monday);
  });
  afterEach(async () => {
    for (const j of jobs.splice(0)) await j.stop();
    await t.close();
  });

  it('sends the invitation at once and the reminder when due, after a restart, once, although two jobs (nodes) run', async () => {
    const booking = await book('09:00');
    const first = await job();
    const invite = await smtp.waitFor((m) => m.text?.includes(booking.id.slice(0, 8)) === true && m.subject?.startsWith('Ajanvaraus:') === true);
    expect(calendarOf(invite)).toMatchObject({ method: 'REQUEST', sequence: 0, url: 'https://kanava.example/p/' + booking.point.slug });
    expect((await mailRows(booking.id)).map((m) => [m.kind, m.state, m.due_at])).toEqual([
      ['request', 'sent', monday.toISOString()],
      ['reminder', 'pending', '2030-01-08T06:00:00.000Z'],
    ]);
    await first.stop(); // the server stops before the reminder is due

    clock = new Date('2030-01-08T06:05:00Z');
    const [a, b] = await Promise.all([job(), job()]);
    await Promise.all([a.round(), b.round(), a.round(), b.round()]);
    await Promise.all([a.idle(), b.idle()]);
    await smtp.waitFor((m) => m.subject?.startsWith('Muistutus') === true && m.text?.includes(booking.id.slice(0, 8)) === true);
    await new Promise((r) => setTimeout(r, 300));
    const reminders = smtp.messages.filter((m) => m.subject?.startsWith('Muistutus') === true && m.text?.includes(booking.id.slice(0, 8)) === true);
    expect(reminders).toHaveLength(1);
    expect(reminders[0]?.text).toContain('klo 9.00–9.30');
    expect(reminders[0]?.attachments).toEqual([]);
    expect((await mailRows(booking.id)).map((m) => [m.kind, m.state])).toEqual([
      ['request', 'sent'],
      ['reminder', 'sent'],
    ]);
  });

  it('never sends again what a job that died was sending, and drops the reminder of a cancelled booking', async () => {
    const booking = await book('09:40');
    // A job claimed the invitation and died before it could tell whether it went out.
    await t.db.updateTable('booking_mail').set({ state: 'sending', claimed_at: '2030-01-07T07:00:00.000Z' }).where('booking_id', '=', booking.id).where('kind', '=', 'request').execute();
    await job();
    expect((await mailRows(booking.id)).map((m) => [m.kind, m.state])).toEqual([
      ['request', 'unknown'],
      ['reminder', 'pending'],
    ]);
    expect(smtp.messages.some((m) => m.text?.includes(booking.id.slice(0, 8)))).toBe(false);

    await cancelBooking(ctx(), advisor, booking.id, '');
    const j = await job();
    await j.round();
    const cancel = await smtp.waitFor((m) => m.subject?.startsWith('Ajanvaraus peruttu') === true && m.text?.includes(booking.id.slice(0, 8)) === true);
    expect(calendarOf(cancel)).toMatchObject({ method: 'CANCEL', sequence: 1 });
    expect((await mailRows(booking.id)).map((m) => [m.kind, m.state])).toEqual([
      ['request', 'unknown'],
      ['reminder', 'void'],
      ['cancel', 'sent'],
    ]);
  });

  it('lets a hold that was not confirmed in time go, so the slot is free again', async () => {
    const startsAt = new Date('2030-01-08T10:20:00+02:00').toISOString();
    const held = await createHold(ctx(), advisor, { pointId: ids.point, serviceId: ids.service, expertId: ids.expert, startsAt });
    await expect(createHold(ctx(), advisor, { pointId: ids.point, serviceId: ids.service, expertId: ids.expert, startsAt })).rejects.toThrow(/slot taken/);
    clock = new Date(monday.getTime() + (defaultBookingConfig.holdMinutes + 1) * 60_000);
    await expect(confirmBooking(ctx(), advisor, held.id, { name: 'Aino', contact: '', note: '' })).rejects.toThrow(/hold expired/);
    expect((await store.repos.bookings.get(held.id))?.state).toBe('expired');
    const again = await createHold(ctx(), advisor, { pointId: ids.point, serviceId: ids.service, expertId: ids.expert, startsAt });
    expect(again.state).toBe('held');
  });
});
