/**
 * Reports benchmark on a real server (node server/src/main.ts, demo data, SQLite): a month with
 * BENCH_EVENTS service events (default 10 000, i.e. ~450 a working day — far more than the demo
 * points serve) is written straight into the server's SQLite file, then the platform admin's
 * monthly report (JSON and CSV) and a provider's billing CSV are fetched BENCH_ROUNDS times each
 * (default 20), one at a time. Printed: p50, p99 and max in milliseconds, and the size of the answer.
 */
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { startServer } from './server.ts';
import { percentile } from './stats.ts';

const events = Number(process.env.BENCH_EVENTS ?? 10_000);
const rounds = Number(process.env.BENCH_ROUNDS ?? 20);
const port = Number(process.env.BENCH_REPORTS_PORT ?? 3995);
const password = process.env.KANAVA_DEMO_PASSWORD ?? 'kanava-demo-2025';
const MONTH = '2030-01';

const server = await startServer(port);
try {
  // The server has migrated the schema and written its demo data; add the month's events beside them.
  const db = new DatabaseSync(path.join(server.dataDir, 'kanava.sqlite'));
  db.exec('PRAGMA busy_timeout = 5000');
  const offers = db
    .prepare(
      `select a.point_id, a.provider_id, s.id as service_id from agreement a join agreement_service x on x.agreement_id = a.id join service s on s.id = x.service_id`,
    )
    .all() as { point_id: string; provider_id: string; service_id: string }[];
  const kela = db.prepare(`select id from provider where code = 'kela'`).get() as { id: string };
  const session = db.prepare('insert into service_session (id, point_id, admitted_by_name, admitted_by_account_id, started_at, ended_at) values (?, ?, ?, null, ?, ?)');
  const event = db.prepare(
    `insert into service_event (id, point_id, provider_id, service_id, booking_id, expert_account_id, expert_name, advisors, admitted_at, ended_at, duration_s, lobby_wait_s,
       below_minimum_ms, quality, forms, classification_code, classification_note, classified_by_name, classified_at, created_at)
     values (?, ?, ?, ?, null, null, 'Bench', '[]', ?, ?, ?, ?, ?, ?, '[]', ?, '', 'Bench', ?, ?)`,
  );
  const answer = db.prepare(`insert into survey_answer (id, session_id, respondent, service_rating, connection_rating, comment, answered_at) values (?, ?, 'customer', ?, ?, null, ?)`);
  const codes = ['remote-service', 'advice', 'advice-short', null];
  const start = Date.parse(`${MONTH}-02T07:00:00.000Z`);
  const written = performance.now();
  db.exec('begin');
  for (let i = 0; i < events; i++) {
    const offer = offers[i % offers.length]!;
    const admitted = new Date(start + Math.floor((i / events) * 27 * 86_400_000));
    const durationS = 120 + (i % 40) * 45;
    const ended = new Date(admitted.getTime() + durationS * 1000);
    const id = `bench-${i}`;
    const below = i % 7 === 0 ? 30_000 : 0;
    const quality = JSON.stringify({ belowMinimumMs: below, shareAboveMinimum: 1 - below / (durationS * 1000), incidents: below ? [{ role: 'customer', startedAt: admitted.toISOString(), endedAt: admitted.toISOString(), reasons: ['upload'] }] : [] });
    session.run(id, offer.point_id, 'Bench', admitted.toISOString(), ended.toISOString());
    event.run(id, offer.point_id, offer.provider_id, offer.service_id, admitted.toISOString(), ended.toISOString(), durationS, 10 + (i % 60) * 7, below, quality, codes[i % codes.length] ?? null, ended.toISOString(), ended.toISOString());
    if (i % 3 === 0) answer.run(`${id}-a`, id, 1 + (i % 5), 1 + ((i + 2) % 5), ended.toISOString());
  }
  db.exec('commit');
  db.close();
  process.stdout.write(`${events} events written for ${MONTH} in ${((performance.now() - written) / 1000).toFixed(1)} s\n`);

  const signIn = await fetch(`${server.url}/api/auth/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'admin@kanava.example', password }) });
  const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const measure = async (label: string, pathAndQuery: string) => {
    const times: number[] = [];
    let bytes = 0;
    for (let i = 0; i <= rounds; i++) {
      const t = performance.now();
      const res = await fetch(`${server.url}${pathAndQuery}`, { headers: { cookie } });
      const body = await res.text();
      if (!res.ok) throw new Error(`${pathAndQuery}: ${res.status} ${body}`);
      if (i > 0) times.push(performance.now() - t); // the first is a warm-up
      bytes = body.length;
    }
    const f = (v: number) => v.toFixed(1);
    process.stdout.write(`${label}: n=${times.length}, p50 ${f(percentile(times, 50))} ms, p99 ${f(percentile(times, 99))} ms, max ${f(Math.max(...times))} ms, ${(bytes / 1024).toFixed(0)} KiB\n`);
  };
  await measure(`monthly report, JSON, all providers (${events} events)`, `/api/reports/monthly?month=${MONTH}`);
  await measure('monthly report, CSV, all providers', `/api/reports/monthly.csv?month=${MONTH}`);
  await measure('billing CSV, Kela', `/api/reports/billing.csv?month=${MONTH}&providerId=${kela.id}`);
} finally {
  await server.stop();
}
