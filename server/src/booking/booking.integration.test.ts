import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ArrivalSchema, BookingSchema, DayViewSchema, FreeSlotSchema, AgendaSchema, PeerIdSchema, type Booking, type FreeSlot } from '@kanava/shared';
import { dialects } from '../db/testing/testDatabases.ts';
import type { ApiClient } from '../http/routes/testing/apiClient.ts';
import { BookingStore } from './BookingStore.ts';
import { LobbyArrivals } from './LobbyArrivals.ts';
import { LinkTokens } from './links/linkTokens.ts';
import { calendarOf } from './testing/smtpSink.ts';
import { helsinki, nextLastSunday, nextWeekday, startBookingKanava, type BookingKanava } from './testing/bookingKanava.ts';
import { pino } from 'pino';

const who = {
  admin: 'admin@kanava.example',
  kelaAdmin: 'kela.admin@kanava.example',
  mikko: 'mikko.expert@kanava.example',
  ella: 'ella.expert@kanava.example',
  sanna: 'sanna.advisor@kanava.example',
  pekka: 'pekka.advisor@kanava.example',
} as const;

describe.each(dialects)('booking service on %s', (dialect) => {
  let t: BookingKanava;
  const c = {} as Record<keyof typeof who, ApiClient>;
  const ids = { kuhmo: '', suomussalmi: '', kela: '', housing: '', social: '', taxCard: '', passport: '', mikko: '', ella: '' };

  beforeAll(async () => {
    t = await startBookingKanava(dialect, { KANAVA_BOOKING_JOB_INTERVAL_S: '3600' });
    for (const k of Object.keys(who) as (keyof typeof who)[]) c[k] = await t.as(who[k]);
    const { points, providers, services, accounts } = t.kanava.records.repos;
    const point = async (slug: string) => (await points.search({ text: slug })).find((p) => p.slug === slug)?.id ?? '';
    const serviceOf = async (provider: string, code: string) => {
      const p = await providers.getByCode(provider);
      return p ? ((await services.listByProvider(p.id)).find((s) => s.code === code)?.id ?? '') : '';
    };
    ids.kuhmo = await point('kuhmo');
    ids.suomussalmi = await point('suomussalmi');
    ids.kela = (await providers.getByCode('kela'))?.id ?? '';
    ids.housing = await serviceOf('kela', 'housing-allowance');
    ids.social = await serviceOf('kela', 'social-assistance');
    ids.taxCard = await serviceOf('vero', 'tax-card');
    ids.passport = await serviceOf('poliisi', 'passport');
    ids.mikko = (await accounts.credentialsByEmail(who.mikko))?.id ?? '';
    ids.ella = (await accounts.credentialsByEmail(who.ella))?.id ?? '';
    // The point is open every day and around the clock, so DST nights and midnights can be booked.
    const allDay = [{ from: '00:00', to: '23:59' }];
    const res = await c.admin.request('PATCH', `/api/registry/points/${ids.kuhmo}`, {
      openingHours: { weekly: { mon: allDay, tue: allDay, wed: allDay, thu: allDay, fri: allDay, sat: allDay, sun: allDay }, exceptions: [] },
    });
    expect(res.status).toBe(200);
  }, 120_000);
  afterAll(async () => {
    await t?.stop();
  });

  const slotsOf = async (serviceId: string, from: string, days = 7): Promise<FreeSlot[]> => {
    const res = await c.sanna.request('GET', `/api/booking/slots?pointId=${ids.kuhmo}&serviceId=${serviceId}&from=${from}&days=${days}`);
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    return z.array(FreeSlotSchema).parse(res.json);
  };
  const hold = (as: ApiClient, slot: { startsAt: string; expertId: string }, serviceId = ids.housing, pointId = ids.kuhmo) =>
    as.request('POST', '/api/booking/holds', { pointId, serviceId, expertId: slot.expertId, startsAt: slot.startsAt });
  const book = async (slot: { startsAt: string; expertId: string }, serviceId = ids.housing, name = 'Aino Asiakas'): Promise<Booking> => {
    const held = await hold(c.sanna, slot, serviceId);
    expect(held.status, JSON.stringify(held.json)).toBe(201);
    const id = BookingSchema.parse(held.json).id;
    const confirmed = await c.sanna.request('POST', `/api/booking/bookings/${id}/confirm`, { customer: { name, contact: '040 123', note: 'Vuokrasopimus mukana' } });
    expect(confirmed.status, JSON.stringify(confirmed.json)).toBe(200);
    return BookingSchema.parse(confirmed.json);
  };
  const rule = async (weekday: string, from: string, to: string, slotMinutes: number, bufferMinutes = 0, serviceId = ids.housing) => {
    const res = await c.kelaAdmin.request('POST', '/api/booking/rules', { serviceId, expertId: ids.mikko, weekday, from, to, slotMinutes, bufferMinutes });
    expect(res.status, JSON.stringify(res.json)).toBe(201);
  };

  it('an advisor books a free slot; the expert gets an invitation with the room link and sees it on the agenda, nobody else does', async () => {
    const date = nextWeekday(2); // a Tuesday: the demo rules offer housing allowance 9–12, 30 min + 10 min
    const slots = await slotsOf(ids.housing, date, 1);
    expect(slots.map((s) => s.startsAt)).toEqual(['09:00', '09:40', '10:20', '11:00'].map((h) => helsinki(date, h)));
    expect(slots[0]?.expertName).toMatch(/Mikko/);
    const booking = await book(slots[1]!);
    expect(booking).toMatchObject({ state: 'confirmed', sequence: 0, point: { slug: 'kuhmo' }, expert: { id: ids.mikko }, customer: { name: 'Aino Asiakas' } });
    expect((await slotsOf(ids.housing, date, 1)).map((s) => s.startsAt)).not.toContain(booking.startsAt);

    const mail = await t.smtp.waitFor((m) => m.text?.includes(booking.id.slice(0, 8)) === true && m.subject?.startsWith('Ajanvaraus:') === true);
    expect(mail.to && 'text' in mail.to ? mail.to.text : '').toContain(who.mikko);
    expect(mail.text).toContain(`${t.kanava.url}/p/kuhmo`);
    expect(mail.text).not.toContain('Aino Asiakas');
    const ics = calendarOf(mail);
    expect(ics).toMatchObject({ method: 'REQUEST', sequence: 0, status: 'CONFIRMED', url: `${t.kanava.url}/p/kuhmo`, location: `${t.kanava.url}/p/kuhmo` });
    expect(ics.start.toISOString()).toBe(booking.startsAt);
    expect(ics.end.toISOString()).toBe(booking.endsAt);
    expect(ics.raw).toMatch(/DTSTART:\d{8}T\d{6}Z/);
    expect(ics.raw).not.toMatch(/[?&]k=/);

    const agenda = AgendaSchema.parse((await c.mikko.request('GET', `/api/booking/agenda?from=${date}&days=1`)).json);
    expect(agenda.bookings.map((b) => b.id)).toContain(booking.id);
    const ellas = AgendaSchema.parse((await c.ella.request('GET', `/api/booking/agenda?from=${date}&days=1`)).json);
    expect(ellas.bookings.map((b) => b.id)).not.toContain(booking.id);
    expect((await c.ella.request('GET', `/api/booking/bookings/${booking.id}`)).status).toBe(403);
    expect((await c.pekka.request('GET', `/api/booking/bookings/${booking.id}`)).status).toBe(403);
    expect((await c.mikko.request('GET', `/api/booking/bookings/${booking.id}`)).status).toBe(200);
  });

  it('of 100 concurrent requests for the same slot exactly one succeeds; the others are told the slot is taken', async () => {
    const date = nextWeekday(4); // a Thursday
    const slot = (await slotsOf(ids.housing, date, 1))[0]!;
    const started = performance.now();
    const answers = await Promise.all(Array.from({ length: 100 }, () => hold(c.sanna, slot)));
    const ms = performance.now() - started;
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(99);
    for (const a of answers.filter((x) => x.status === 409)) {
      expect(a.json).toMatchObject({ error: { code: 'slotTaken', message: expect.stringMatching(/^slot taken/) } });
    }
    const rows = await t.kanava.db.selectFrom('booking').select('id').where('starts_at', '=', slot.startsAt).where('expert_id', '=', ids.mikko).execute();
    expect(rows).toHaveLength(1);
    process.stdout.write(`[booking race ${dialect}] 100 concurrent holds of one slot: 1 × 201, 99 × 409 slotTaken in ${ms.toFixed(0)} ms\n`);
  });

  it('rescheduling keeps the calendar UID and raises SEQUENCE; cancelling sends METHOD:CANCEL with a higher SEQUENCE and frees the slot', async () => {
    const date = nextWeekday(3); // a Wednesday
    const [first, , third] = await slotsOf(ids.housing, date, 1);
    const booking = await book(first!);
    const invite = calendarOf(await t.smtp.waitFor((m) => m.text?.includes(booking.id.slice(0, 8)) === true));
    const moved = await c.sanna.request('POST', `/api/booking/bookings/${booking.id}/reschedule`, { startsAt: third!.startsAt });
    expect(moved.status, JSON.stringify(moved.json)).toBe(201);
    const after = BookingSchema.parse(moved.json);
    expect(after).toMatchObject({ state: 'confirmed', sequence: 1, rescheduledFrom: booking.id, startsAt: third!.startsAt, customer: { name: 'Aino Asiakas' } });
    expect(BookingSchema.parse((await c.sanna.request('GET', `/api/booking/bookings/${booking.id}`)).json)).toMatchObject({ state: 'rescheduled', rescheduledTo: after.id });
    const update = calendarOf(await t.smtp.waitFor((m) => m.subject?.startsWith('Ajanvaraus muuttui') === true && m.text?.includes(after.id.slice(0, 8)) === true));
    expect(update).toMatchObject({ method: 'REQUEST', uid: invite.uid, sequence: 1 });
    expect(update.start.toISOString()).toBe(third!.startsAt);
    expect((await slotsOf(ids.housing, date, 1)).map((s) => s.startsAt)).toContain(first!.startsAt);

    const cancelled = await c.mikko.request('POST', `/api/booking/bookings/${after.id}/cancel`, { reason: 'Sairastuminen' });
    expect(cancelled.status).toBe(200);
    expect(BookingSchema.parse(cancelled.json)).toMatchObject({ state: 'cancelled', sequence: 2 });
    const cancel = calendarOf(await t.smtp.waitFor((m) => m.subject?.startsWith('Ajanvaraus peruttu') === true && m.text?.includes(after.id.slice(0, 8)) === true));
    expect(cancel).toMatchObject({ method: 'CANCEL', uid: invite.uid, sequence: 2, status: 'CANCELLED' });
    expect((await slotsOf(ids.housing, date, 1)).map((s) => s.startsAt)).toContain(third!.startsAt);
    const again = await c.sanna.request('POST', `/api/booking/bookings/${after.id}/cancel`, {});
    expect(again).toMatchObject({ status: 409, json: { error: { code: 'invalidState', message: 'a cancelled booking cannot be cancelled' } } });
  });

  it('answers bad input with a clear 4xx that names the problem, and writes nothing', async () => {
    const before = await t.kanava.db.selectFrom('booking').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    const tuesday = nextWeekday(2);
    const expect400 = async (body: unknown, message: RegExp) => {
      const res = await c.sanna.request('POST', '/api/booking/holds', body);
      expect(res.status, JSON.stringify(res.json)).toBe(400);
      expect(JSON.stringify(res.json)).toMatch(message);
    };
    const base = { pointId: ids.kuhmo, serviceId: ids.housing, expertId: ids.mikko };
    await expect400({ ...base, startsAt: '2020-01-07T07:00:00.000Z' }, /the time is in the past/);
    await expect400({ ...base, startsAt: helsinki(tuesday, '13:00') }, /not a bookable time: outside the bookable times/);
    await expect400({ ...base, startsAt: helsinki(tuesday, '09:10') }, /not a bookable time: not a slot start/);
    await expect400({ ...base, startsAt: helsinki(tuesday, '09:03') }, /5-minute marks/);
    await expect400({ ...base, serviceId: ids.passport, startsAt: helsinki(tuesday, '09:00') }, /agreement does not cover this service/);
    await expect400({ ...base, expertId: ids.ella, startsAt: helsinki(tuesday, '09:00') }, /not an expert of the service’s provider/);
    await expect400({ ...base, startsAt: 'tiistaina yhdeksältä' }, /startsAt/);
    const badDate = await c.sanna.request('GET', `/api/booking/slots?pointId=${ids.kuhmo}&serviceId=${ids.housing}&from=2026-02-30`);
    expect(badDate.status).toBe(400);
    expect(JSON.stringify(badDate.json)).toMatch(/from/);
    const unknown = await c.sanna.request('POST', '/api/booking/bookings/no-such-booking/arrive', {});
    expect(unknown.status).toBe(404);
    const noName = await c.sanna.request('POST', '/api/booking/bookings/x/confirm', { customer: { name: ' ' } });
    expect(noName).toMatchObject({ status: 400, json: { error: { fields: [{ path: 'customer.name', message: 'required' }] } } });
    // An absence of the expert: the slot is not offered, and booking it says why.
    const exception = await c.kelaAdmin.request('POST', '/api/booking/exceptions', { providerId: ids.kela, expertId: ids.mikko, date: tuesday, note: 'Koulutus' });
    expect(exception.status).toBe(201);
    await expect400({ ...base, startsAt: helsinki(tuesday, '09:00') }, /holiday or absence/);
    expect(await slotsOf(ids.housing, tuesday, 1)).toEqual([]);
    expect((await c.kelaAdmin.request('DELETE', `/api/booking/exceptions/${(exception.json as { id: string }).id}`)).status).toBe(204);
    // Closed point hours: a Saturday rule outside the (test) Saturday hours is refused as closed.
    const after = await t.kanava.db.selectFrom('booking').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
    // A booking on another day cannot arrive today; a cancelled one cannot arrive at all.
    const future = await book((await slotsOf(ids.housing, tuesday, 1))[0]!);
    expect(await c.sanna.request('POST', `/api/booking/bookings/${future.id}/arrive`, {})).toMatchObject({ status: 409, json: { error: { message: expect.stringMatching(/day of the booking/) } } });
    await c.sanna.request('POST', `/api/booking/bookings/${future.id}/cancel`, {});
    expect(await c.sanna.request('POST', `/api/booking/bookings/${future.id}/arrive`, {})).toMatchObject({ status: 409, json: { error: { message: 'a cancelled booking cannot be marked arrived' } } });
    // Only the point's own advisors book there.
    const foreign = await hold(c.pekka, { startsAt: helsinki(tuesday, '09:40'), expertId: ids.mikko });
    expect(foreign.status).toBe(403);
  });

  it('books across the spring DST change (last Sunday of March): 03:00 does not exist, instants are stored in UTC', async () => {
    await rule('sun', '01:00', '06:00', 60);
    const sunday = nextLastSunday(3);
    const slots = await slotsOf(ids.housing, sunday, 1);
    expect(slots.map((s) => s.startsAt)).toEqual([`${prev(sunday)}T23:00:00.000Z`, `${sunday}T00:00:00.000Z`, `${sunday}T01:00:00.000Z`, `${sunday}T02:00:00.000Z`]);
    const two = await book(slots[1]!); // 02:00 EET
    const four = await book(slots[2]!); // 04:00 EEST, one real hour later
    expect(new Date(four.startsAt).getTime() - new Date(two.startsAt).getTime()).toBe(60 * 60_000);
    const row = await t.kanava.db.selectFrom('booking').select(['starts_at', 'ends_at']).where('id', '=', four.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ starts_at: `${sunday}T01:00:00.000Z`, ends_at: `${sunday}T02:00:00.000Z` });
    const ics = calendarOf(await t.smtp.waitFor((m) => m.text?.includes(four.id.slice(0, 8)) === true));
    expect(ics.start.toISOString()).toBe(`${sunday}T01:00:00.000Z`);
    expect((await t.smtp.waitFor((m) => m.text?.includes(four.id.slice(0, 8)) === true)).text).toContain('klo 4.00–5.00');
    await expect(hold(c.sanna, { startsAt: `${sunday}T00:30:00.000Z`, expertId: ids.mikko })).resolves.toMatchObject({ status: 400 });
  });

  it('books across the autumn DST change (last Sunday of October): the repeated hour is offered once, 04:00 is UTC+2', async () => {
    const sunday = nextLastSunday(10);
    const slots = await slotsOf(ids.housing, sunday, 1);
    // 01:00, 02:00 and the first 03:00 are UTC+3; 04:00 and 05:00 UTC+2.
    expect(slots.map((s) => s.startsAt)).toEqual([`${prev(sunday)}T22:00:00.000Z`, `${prev(sunday)}T23:00:00.000Z`, `${sunday}T00:00:00.000Z`, `${sunday}T02:00:00.000Z`, `${sunday}T03:00:00.000Z`]);
    const three = await book(slots[2]!);
    const four = await book(slots[3]!);
    expect(new Date(four.startsAt).getTime() - new Date(three.startsAt).getTime()).toBe(2 * 60 * 60_000);
    const day = DayViewSchema.parse((await c.sanna.request('GET', `/api/booking/points/${ids.kuhmo}/day?date=${sunday}`)).json);
    expect(day.bookings.map((b) => b.id)).toEqual([three.id, four.id]);
  });

  it('puts a booking just after midnight on its Helsinki date, though in UTC it is the day before', async () => {
    await rule('wed', '00:00', '01:00', 30);
    await rule('wed', '23:00', '23:50', 30);
    const wednesday = nextWeekday(3, 9);
    const slots = await slotsOf(ids.housing, wednesday, 1);
    expect(slots[0]?.startsAt).toBe(`${prev(wednesday)}T22:00:00.000Z`);
    expect(slots[slots.length - 1]?.startsAt).toBe(`${wednesday}T21:00:00.000Z`);
    const early = await book(slots[0]!);
    const late = await book(slots[slots.length - 1]!);
    const day = DayViewSchema.parse((await c.sanna.request('GET', `/api/booking/points/${ids.kuhmo}/day?date=${wednesday}`)).json);
    expect(day.bookings.map((b) => b.id)).toEqual(expect.arrayContaining([early.id, late.id]));
    const before = DayViewSchema.parse((await c.sanna.request('GET', `/api/booking/points/${ids.kuhmo}/day?date=${prev(wednesday)}`)).json);
    expect(before.bookings.map((b) => b.id)).not.toContain(early.id);
    const agenda = AgendaSchema.parse((await c.mikko.request('GET', `/api/booking/agenda?from=${wednesday}&days=1`)).json);
    expect(agenda.bookings.map((b) => b.id)).toEqual(expect.arrayContaining([early.id, late.id]));
  });

  it('marks today’s booking arrived and registers a walk-in; the lobby matches the next waiting customer to the latest arrival', async () => {
    const day = DayViewSchema.parse((await c.sanna.request('GET', `/api/booking/points/${ids.kuhmo}/day`)).json);
    const demo = day.bookings.find((b) => b.state === 'confirmed' && b.service.id === ids.housing);
    expect(demo, 'demo bookings today').toBeDefined();
    const arrived = await c.sanna.request('POST', `/api/booking/bookings/${demo!.id}/arrive`, {});
    expect(arrived.status, JSON.stringify(arrived.json)).toBe(200);
    expect(BookingSchema.parse(arrived.json).state).toBe('arrived');
    const lobby = new LobbyArrivals({ store: new BookingStore(t.kanava.db), log: pino({ level: 'silent' }), tokens: new LinkTokens(Buffer.alloc(32, 1)), linkOpensMinutes: 15 });
    const kuhmo = day.bookings[0]!.point.id;
    const first = await lobby.claimFor(kuhmo, PeerIdSchema.parse('peer-1'));
    expect(first).toMatchObject({ kind: 'booked', bookingId: demo!.id, startsAt: demo!.startsAt, expertName: demo!.expert.displayName, service: { nameFi: 'Yleinen asumistuki' } });
    expect(await lobby.claimFor(kuhmo, PeerIdSchema.parse('peer-2'))).toBeUndefined();
    await lobby.admitted(kuhmo, PeerIdSchema.parse('peer-1'));
    expect(BookingSchema.parse((await c.sanna.request('GET', `/api/booking/bookings/${demo!.id}`)).json).state).toBe('served');

    const walkIn = await c.sanna.request('POST', `/api/booking/points/${ids.kuhmo}/walk-ins`, { serviceId: ids.taxCard });
    expect(walkIn.status, JSON.stringify(walkIn.json)).toBe(201);
    expect(ArrivalSchema.parse(walkIn.json)).toMatchObject({ kind: 'walkIn', bookingId: null, attached: false });
    expect(await lobby.claimFor(kuhmo, PeerIdSchema.parse('peer-3'))).toMatchObject({ kind: 'walkIn', bookingId: null, startsAt: null, service: { nameFi: 'Verokortti' } });
    expect((await c.sanna.request('POST', `/api/booking/points/${ids.kuhmo}/walk-ins`, { serviceId: ids.passport })).status).toBe(400);
    const after = DayViewSchema.parse((await c.sanna.request('GET', `/api/booking/points/${ids.kuhmo}/day`)).json);
    expect(after.arrivals.map((a) => [a.kind, a.attached])).toEqual([
      ['booked', true],
      ['walkIn', true],
    ]);
  });
});

function prev(date: string): string {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}
