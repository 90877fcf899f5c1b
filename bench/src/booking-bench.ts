/**
 * Booking benchmark on a real server (node server/src/main.ts, demo data, SQLite by default or
 * DATABASE_URL), loopback HTTP, 50 concurrent clients (BENCH_CLIENTS):
 *  - free-slot search for a month: GET /api/booking/slots for 31 days of the Tax Administration's
 *    tax card at Kuhmo, BENCH_SEARCHES per client (default 20);
 *  - booking creation: hold + confirm of distinct free slots, BENCH_BOOKINGS per client (default 4).
 * Printed as p50 and p99 (and max) in milliseconds.
 */
import { startServer } from './server.ts';
import { percentile } from './stats.ts';

const clients = Number(process.env.BENCH_CLIENTS ?? 50);
const searches = Number(process.env.BENCH_SEARCHES ?? 20);
const bookingsPerClient = Number(process.env.BENCH_BOOKINGS ?? 4);
const port = Number(process.env.BENCH_BOOKING_PORT ?? 3996);
const password = process.env.KANAVA_DEMO_PASSWORD ?? 'kanava-demo-2025';

interface Slot {
  startsAt: string;
  expertId: string;
}

async function json<T>(res: Response): Promise<T> {
  if (!res.ok) throw new Error(`${res.url}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

const server = await startServer(port);
try {
  const signIn = await fetch(`${server.url}/api/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'sanna.advisor@kanava.example', password }),
  });
  const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const headers = { cookie, 'content-type': 'application/json', accept: 'application/json' };
  const get = <T>(path: string) => fetch(`${server.url}${path}`, { headers }).then((r) => json<T>(r));
  const post = <T>(path: string, body: unknown) => fetch(`${server.url}${path}`, { method: 'POST', headers, body: JSON.stringify(body) }).then((r) => json<T>(r));

  const me = await get<{ roles: { kind: string; pointId?: string }[] }>('/api/auth/me');
  const pointId = me.roles.find((r) => r.kind === 'advisor')?.pointId ?? '';
  const services = await get<{ service: { id: string; code: string } }[]>(`/api/registry/points/${pointId}/services`);
  const serviceId = services.find((s) => s.service.code === 'tax-card')?.service.id ?? '';
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Helsinki' }).format(new Date());
  const slotsPath = (days: number) => `/api/booking/slots?pointId=${pointId}&serviceId=${serviceId}&from=${today}&days=${days}`;

  const timed = async (work: () => Promise<unknown>, into: number[]) => {
    const started = performance.now();
    await work();
    into.push(performance.now() - started);
  };
  const report = (label: string, values: number[], wallMs: number) => {
    const f = (v: number) => v.toFixed(1);
    process.stdout.write(
      `${label}: n=${values.length}, ${clients} concurrent clients, p50 ${f(percentile(values, 50))} ms, p99 ${f(percentile(values, 99))} ms, max ${f(Math.max(...values))} ms, ${((values.length / wallMs) * 1000).toFixed(0)} req/s\n`,
    );
  };

  await get(slotsPath(31)); // warm-up
  const searchTimes: number[] = [];
  let started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      for (let i = 0; i < searches; i++) await timed(() => get(slotsPath(31)), searchTimes);
    }),
  );
  report('free-slot search, one month (31 days)', searchTimes, performance.now() - started);

  const free = await get<Slot[]>(slotsPath(62));
  const needed = clients * bookingsPerClient;
  if (free.length < needed) throw new Error(`only ${free.length} free slots for ${needed} bookings`);
  const bookingTimes: number[] = [];
  started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async (_, c) => {
      for (let i = 0; i < bookingsPerClient; i++) {
        const slot = free[c + i * clients] as Slot;
        await timed(async () => {
          const held = await post<{ id: string }>('/api/booking/holds', { pointId, serviceId, expertId: slot.expertId, startsAt: slot.startsAt });
          await post(`/api/booking/bookings/${held.id}/confirm`, { customer: { name: `Bench ${c}-${i}` } });
        }, bookingTimes);
      }
    }),
  );
  report('booking creation (hold + confirm)', bookingTimes, performance.now() - started);
} finally {
  await server.stop();
}
