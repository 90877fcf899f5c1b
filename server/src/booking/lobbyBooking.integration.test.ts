import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { io, type Socket } from 'socket.io-client';
import type { ParsedMail } from 'mailparser';
import {
  BookingLinkStatusSchema,
  BookingSchema,
  DayViewSchema,
  PROTOCOL_VERSION,
  type AckResult,
  type Booking,
  type BookingLinkStatus,
  type RoomLiveState,
  type StaffUser,
  type WaitingCustomer,
} from '@kanava/shared';
import { dialects } from '../db/testing/testDatabases.ts';
import type { ApiClient } from '../http/routes/testing/apiClient.ts';
import { BookingStore } from './BookingStore.ts';
import { newBookingRow } from './bookingRows.ts';
import { plusMinutes } from './grid.ts';
import { helsinki, nextWeekday, startBookingKanava, type BookingKanava } from './testing/bookingKanava.ts';

/**
 * The booking service and the lobby together, over real sockets: a customer already waiting
 * when the advisor marks the arrival, the booked expert told first, and the personal link of
 * a customer at home (mail over SMTP, the link's state through its life, the lobby it opens).
 */

const who = {
  admin: 'admin@kanava.example',
  kelaAdmin: 'kela.admin@kanava.example',
  mikko: 'mikko.expert@kanava.example',
  sanna: 'sanna.advisor@kanava.example',
} as const;
const KALLE = 'kalle.expert@kanava.example';
const PASSWORD = 'kalle-demo-password-2025';

interface Listener {
  socket: Socket;
  /** Every event of these names that arrived, in order. */
  seen: { event: string; payload: unknown }[];
}

describe.each(dialects)('the lobby knows the booking on %s', (dialect) => {
  let t: BookingKanava;
  const c = {} as Record<keyof typeof who, ApiClient>;
  const cookies: Record<string, string> = {};
  const ids = { kuhmo: '', kela: '', housing: '', mikko: '', sanna: '' };
  let kioskToken = '';
  const sockets: Socket[] = [];

  beforeAll(async () => {
    t = await startBookingKanava(dialect, { KANAVA_BOOKING_JOB_INTERVAL_S: '0.2', KANAVA_BOOKING_EXPERT_FIRST_S: '60' });
    for (const k of Object.keys(who) as (keyof typeof who)[]) c[k] = await t.as(who[k]);
    const { points, providers, services, accounts } = t.kanava.records.repos;
    const kuhmo = (await points.search({ text: 'kuhmo' })).find((p) => p.slug === 'kuhmo');
    ids.kuhmo = kuhmo?.id ?? '';
    kioskToken = kuhmo?.kioskToken ?? '';
    const kela = await providers.getByCode('kela');
    ids.kela = kela?.id ?? '';
    ids.housing = kela ? ((await services.listByProvider(kela.id)).find((s) => s.code === 'housing-allowance')?.id ?? '') : '';
    ids.mikko = (await accounts.credentialsByEmail(who.mikko))?.id ?? '';
    ids.sanna = (await accounts.credentialsByEmail(who.sanna))?.id ?? '';
    // A second expert of the same provider, who must not hear of Mikko's customer first.
    const created = await c.admin.request('POST', '/api/registry/accounts', {
      email: KALLE,
      displayName: 'Kalle Asiantuntija (Kela)',
      password: PASSWORD,
      roles: [{ kind: 'expert', providerId: ids.kela }],
    });
    expect(created.status, JSON.stringify(created.json)).toBe(201);
    for (const email of [who.mikko, KALLE]) cookies[email] = await signIn(email, email === KALLE ? PASSWORD : 'kanava-demo-2025');
  }, 120_000);
  afterEach(() => {
    for (const s of sockets.splice(0)) s.disconnect();
  });
  afterAll(async () => {
    await t?.stop();
  });

  async function signIn(email: string, password: string): Promise<string> {
    const res = await fetch(`${t.kanava.url}/api/auth/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
    expect(res.status).toBe(200);
    return (res.headers.getSetCookie().find((x) => x.startsWith('kanava_session=')) ?? '').split(';')[0] ?? '';
  }

  async function open(email?: string): Promise<Listener> {
    const socket = io(t.kanava.url, {
      transports: ['websocket'],
      auth: { protocolVersion: PROTOCOL_VERSION },
      reconnection: false,
      forceNew: true,
      ...(email ? { extraHeaders: { cookie: cookies[email] ?? '' } } : {}),
    });
    sockets.push(socket);
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('connect_error', reject);
    });
    const seen: Listener['seen'] = [];
    for (const event of ['lobbyChanged', 'roomStateChanged', 'admitted']) socket.on(event, (payload: unknown) => seen.push({ event, payload }));
    return { socket, seen };
  }

  async function ask(socket: Socket, name: string, payload: unknown): Promise<AckResult<Record<string, unknown>>> {
    return socket.timeout(10_000).emitWithAck(name, payload);
  }
  async function ok(socket: Socket, name: string, payload: unknown): Promise<Record<string, unknown>> {
    const res = await ask(socket, name, payload);
    if (!res.ok) throw new Error(`${name}: ${res.error.code} ${res.error.message}`);
    return res.data;
  }
  async function join(l: Listener, extra: Record<string, unknown>): Promise<AckResult<Record<string, unknown>>> {
    const caps = (await ok(l.socket, 'room.getRouterCapabilities', { pointSlug: 'kuhmo' }))['routerRtpCapabilities'];
    return ask(l.socket, 'room.join', { pointSlug: 'kuhmo', displayName: 'Asiakas', rtpCapabilities: caps, ...extra });
  }
  const lastLobby = (l: Listener): WaitingCustomer[] | undefined =>
    (l.seen.filter((s) => s.event === 'lobbyChanged').at(-1)?.payload as { waiting: WaitingCustomer[] } | undefined)?.waiting;
  const lastRoom = (l: Listener): RoomLiveState | undefined => (l.seen.filter((s) => s.event === 'roomStateChanged').at(-1)?.payload as { room: RoomLiveState } | undefined)?.room;
  async function until<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 10_000): Promise<T> {
    const end = Date.now() + timeoutMs;
    for (;;) {
      const v = await probe();
      if (v !== undefined && v !== false) return v;
      if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  }
  const bookingOf = async (id: string): Promise<Booking> => BookingSchema.parse((await c.sanna.request('GET', `/api/booking/bookings/${id}`)).json);
  const linkStatus = async (token: string): Promise<BookingLinkStatus> => {
    const res = await c.sanna.request('POST', '/api/booking/links/status', { token });
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    return BookingLinkStatusSchema.parse(res.json);
  };
  const linkIn = (mail: ParsedMail): string => /\/p\/kuhmo\?b=([A-Za-z0-9_.-]+)/.exec(mail.text ?? '')?.[1] ?? '';

  /** A held booking of Mikko's that is running now (written directly: the demo rules need not cover this minute). */
  async function heldNow(): Promise<string> {
    const now = new Date();
    const startsAt = new Date(Math.floor(now.getTime() / 300_000) * 300_000 - 5 * 60_000);
    const sanna: StaffUser = { id: ids.sanna as StaffUser['id'], displayName: 'Sanna', email: who.sanna, roles: [] };
    const row = newBookingRow({
      slot: { startsAt, endsAt: plusMinutes(startsAt, 30), expertId: ids.mikko as StaffUser['id'], bufferMinutes: 0 },
      pointId: ids.kuhmo,
      providerId: ids.kela,
      serviceId: ids.housing,
      state: 'held',
      heldUntil: plusMinutes(now, 10),
      customer: null,
      bookedBy: sanna,
      now,
    });
    await new BookingStore(t.kanava.db).transaction((r) => r.bookings.insert(row));
    return row.id;
  }

  it('matches a customer who was already waiting when the advisor marked the booking arrived, and serves the booking at admission', async () => {
    const mikko = await open(who.mikko);
    expect((await join(mikko, {})).ok).toBe(true);
    const customer = await open();
    const joined = await join(customer, { kioskToken });
    expect(joined.ok).toBe(true);
    const peerId = joined.ok ? joined.data['peerId'] : '';
    const unmatched = await until('the customer in the lobby', () => lastLobby(mikko)?.find((w) => w.peerId === peerId));
    expect(unmatched.booking).toBeUndefined();

    const day = DayViewSchema.parse((await c.sanna.request('GET', `/api/booking/points/${ids.kuhmo}/day`)).json);
    const olli = day.bookings.find((b) => b.customer?.name === 'Olli Malli' && b.state === 'confirmed');
    expect(olli, 'the demo booking of Olli Malli today').toBeDefined();
    expect((await c.sanna.request('POST', `/api/booking/bookings/${olli!.id}/arrive`, {})).status).toBe(200);

    const matched = await until('the booking on the lobby entry', () => lastLobby(mikko)?.find((w) => w.peerId === peerId && w.booking));
    expect(matched.booking).toMatchObject({ kind: 'booked', bookingId: olli!.id, expertId: ids.mikko, fromHome: false, service: { nameFi: 'Yleinen asumistuki' } });
    const after = DayViewSchema.parse((await c.sanna.request('GET', `/api/booking/points/${ids.kuhmo}/day`)).json);
    expect(after.arrivals.find((a) => a.bookingId === olli!.id)?.attached).toBe(true);

    await ok(mikko.socket, 'lobby.admit', { peerId });
    await until('the booking served', async () => (await bookingOf(olli!.id)).state === 'served' || undefined);
  });

  it('matches a waiting customer to an arrival another server node wrote (the room is not on the node that took the advisor’s request)', async () => {
    const mikko = await open(who.mikko);
    expect((await join(mikko, {})).ok).toBe(true);
    const customer = await open();
    const joined = await join(customer, { kioskToken });
    const peerId = joined.ok ? joined.data['peerId'] : '';
    await until('the customer in the lobby', () => lastLobby(mikko)?.find((w) => w.peerId === peerId));
    // A walk-in as another node's request handler writes it: only the row, no call into this node's rooms.
    const now = new Date().toISOString();
    await t.kanava.db
      .insertInto('point_arrival')
      .values({ id: crypto.randomUUID(), point_id: ids.kuhmo, kind: 'walkIn', booking_id: null, provider_id: ids.kela, service_id: ids.housing, arrived_at: now, marked_by: ids.sanna, attached_peer_id: null, attached_at: null })
      .execute();
    const matched = await until('the walk-in on the lobby entry', () => lastLobby(mikko)?.find((w) => w.peerId === peerId && w.booking));
    expect(matched.booking).toMatchObject({ kind: 'walkIn', bookingId: null, expertId: null, service: { nameFi: 'Yleinen asumistuki' } });
    // Gone for good (not only disconnected, which would keep the place for the grace period).
    await ok(customer.socket, 'room.leave', {});
  });

  it('a customer at home: the personal link arrives by e-mail, opens the lobby only for this booking’s time, the booked expert alone is told first, and admission serves it', async () => {
    const mikkoWatch = await open(who.mikko);
    const kalleWatch = await open(KALLE);
    await ok(mikkoWatch.socket, 'directory.watch', {});
    await ok(kalleWatch.socket, 'directory.watch', {});

    const id = await heldNow();
    const email = `aino.koti.${dialect}@example.fi`;
    const confirmed = await c.sanna.request('POST', `/api/booking/bookings/${id}/confirm`, { customer: { name: 'Aino Kotona', contact: '', note: '' }, fromHome: { email } });
    expect(confirmed.status, JSON.stringify(confirmed.json)).toBe(200);
    expect(BookingSchema.parse(confirmed.json).fromHome).toEqual({ email });
    const mail = await t.smtp.waitFor((m) => m.to !== undefined && JSON.stringify(m.to).includes(email));
    expect(mail.subject).toMatch(/^Ajanvaraus \/ Tidsbokning \/ Booking: Yleinen asumistuki/);
    expect(mail.text).toContain('Älä anna sitä muille');
    expect(mail.text).toContain('Do not pass it on');
    expect(mail.text).not.toContain('Aino Kotona');
    const token = linkIn(mail);
    expect(token).not.toBe('');
    // Only the token's hash is stored.
    const stored = await t.kanava.db.selectFrom('booking_link').selectAll().where('booking_id', '=', id).executeTakeFirstOrThrow();
    expect(JSON.stringify(stored)).not.toContain(token);
    expect(stored.token_hash).toMatch(/^[0-9a-f]{64}$/);

    expect(await linkStatus(token)).toMatchObject({ status: 'open', pointSlug: 'kuhmo' });
    const forged = `${token.slice(0, -2)}${token.endsWith('AA') ? 'BB' : 'AA'}`;
    expect(await linkStatus(forged)).toEqual({ status: 'unknown' });
    const intruder = await open();
    const refused = await join(intruder, { bookingLink: forged });
    expect(refused.ok ? 'joined' : refused.error.code).toBe('forbidden');

    const customer = await open();
    const joined = await join(customer, { bookingLink: token });
    expect(joined.ok, JSON.stringify(joined)).toBe(true);
    const peerId = joined.ok ? joined.data['peerId'] : '';
    const seenByMikko = await until('Mikko told of his customer', () => lastRoom(mikkoWatch)?.waitingCount === 1 || undefined);
    expect(seenByMikko).toBe(true);
    const entry = await until('the booking on Mikko’s lobby', () => lastLobby(mikkoWatch)?.find((w) => w.peerId === peerId));
    expect(entry.booking).toMatchObject({ kind: 'booked', bookingId: id, fromHome: true, expertId: ids.mikko });
    // Kalle, of the same provider, is not told within the window.
    expect(lastRoom(kalleWatch)?.waitingCount ?? 0).toBe(0);
    expect(lastLobby(kalleWatch)?.some((w) => w.peerId === peerId) ?? false).toBe(false);
    expect((await bookingOf(id)).state).toBe('arrived');

    const mikko = await open(who.mikko);
    const inRoom = await join(mikko, {});
    expect(inRoom.ok && (inRoom.data['lobby'] as WaitingCustomer[]).map((w) => w.peerId)).toEqual([peerId]);
    const kalle = await open(KALLE);
    const kalleInRoom = await join(kalle, {});
    expect(kalleInRoom.ok && kalleInRoom.data['lobby']).toEqual([]);
    const kalleAdmits = await ask(kalle.socket, 'lobby.admit', { peerId });
    expect(kalleAdmits.ok ? 'admitted' : kalleAdmits.error.code).toBe('forbidden');
    await ok(mikko.socket, 'lobby.admit', { peerId });
    await until('the customer admitted', () => customer.seen.some((s) => s.event === 'admitted') || undefined);
    await until('the booking served', async () => (await bookingOf(id)).state === 'served' || undefined);
  });

  it('a moved booking’s link says so and a new one is sent; a cancelled booking’s link stops at once and the customer is told; an early link says when it opens', async () => {
    const date = nextWeekday(3);
    const email = `olli.koti.${dialect}@example.fi`;
    const held = await c.sanna.request('POST', '/api/booking/holds', { pointId: ids.kuhmo, serviceId: ids.housing, expertId: ids.mikko, startsAt: helsinki(date, '09:00') });
    expect(held.status, JSON.stringify(held.json)).toBe(201);
    const id = BookingSchema.parse(held.json).id;
    const bad = await c.sanna.request('POST', `/api/booking/bookings/${id}/confirm`, { customer: { name: 'Olli' }, fromHome: { email: 'not an address' } });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.json)).toContain('fromHome.email');
    expect((await c.sanna.request('POST', `/api/booking/bookings/${id}/confirm`, { customer: { name: 'Olli Kotona' }, fromHome: { email } })).status).toBe(200);
    const first = linkIn(await t.smtp.waitFor((m) => JSON.stringify(m.to).includes(email)));
    expect(await linkStatus(first)).toEqual({ status: 'notYet', opensAt: helsinki(date, '08:45'), startsAt: helsinki(date, '09:00') });
    const early = await join(await open(), { bookingLink: first });
    expect(early.ok ? 'joined' : early.error.message).toMatch(/notYet/);

    const moved = await c.sanna.request('POST', `/api/booking/bookings/${id}/reschedule`, { startsAt: helsinki(date, '09:40') });
    expect(moved.status, JSON.stringify(moved.json)).toBe(201);
    const newId = BookingSchema.parse(moved.json).id;
    expect(BookingSchema.parse(moved.json).fromHome).toEqual({ email });
    expect(await linkStatus(first)).toEqual({ status: 'moved' });
    const second = linkIn(await t.smtp.waitFor((m) => JSON.stringify(m.to).includes(email) && linkIn(m) !== first));
    expect(await linkStatus(second)).toMatchObject({ status: 'notYet', startsAt: helsinki(date, '09:40') });

    expect((await c.sanna.request('POST', `/api/booking/bookings/${newId}/cancel`, { reason: 'asiakas perui' })).status).toBe(200);
    expect(await linkStatus(second)).toEqual({ status: 'cancelled' });
    const cancelMail = await t.smtp.waitFor((m) => JSON.stringify(m.to).includes(email) && /peruttu/.test(m.subject ?? ''));
    expect(cancelMail.text).toContain('Your booking has been cancelled');
  });
});
