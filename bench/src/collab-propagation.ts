/**
 * Chat and form propagation benchmark on a real server (node server/src/main.ts, demo data,
 * SQLite by default or DATABASE_URL): BENCH_SESSIONS (default 100) live service sessions at
 * once, each at its own service point (a point has one session at a time), with an expert and an
 * admitted customer on their own socket.io connections (websocket, as the browser).
 *
 * For BENCH_SECONDS (default 20) every session's customer sends a chat message about once a
 * second and edits a form field about four times a second (Yjs updates over form.sync, typing and
 * deleting a character in turn); the time from the customer's send to the expert's receipt of the
 * chatMessage / formUpdated event is the propagation latency, printed as p50 / p99 / max.
 *
 * The points, agreements and sessions are set up through the HTTP API and the socket like a
 * user would (a platform admin creates the points and the Kela agreements, the Kela expert joins
 * each room and admits a kiosk customer, then opens the demo housing-allowance form).
 * Both ends run in this process, so one clock times them; the clients share the machine with the
 * server, and their own event loop is part of what is measured.
 */
import { io, type Socket } from 'socket.io-client';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import * as syncProtocol from 'y-protocols/sync';
import { startServer } from './server.ts';
import { percentile } from './stats.ts';

const sessionCount = Number(process.env.BENCH_SESSIONS ?? 100);
const seconds = Number(process.env.BENCH_SECONDS ?? 20);
const port = Number(process.env.BENCH_COLLAB_PORT ?? 3997);
const password = process.env.KANAVA_DEMO_PASSWORD ?? 'kanava-demo-2025';
/** The wire protocol version the server expects in the socket handshake (shared/src/protocol.ts). */
const PROTOCOL_VERSION = 1;
/** The demo form's address field, as the browser names its Y.Text (`field:<id>`). */
const FIELD = 'field:address';

type Ack = { ok: true; data: Record<string, unknown> } | { ok: false; error: { code: string; message: string } };

async function json<T>(res: Response): Promise<T> {
  if (!res.ok) throw new Error(`${res.url}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

async function signIn(base: string, email: string): Promise<string> {
  const res = await fetch(`${base}/api/auth/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
  if (!res.ok) throw new Error(`sign-in ${email}: ${res.status} ${await res.text()}`);
  return (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
}

function connect(base: string, cookie?: string): Promise<Socket> {
  const socket = io(base, {
    transports: ['websocket'],
    auth: { protocolVersion: PROTOCOL_VERSION },
    reconnection: false,
    forceNew: true,
    ...(cookie ? { extraHeaders: { cookie } } : {}),
  });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
  });
}

async function ok(socket: Socket, name: string, payload: unknown): Promise<Record<string, unknown>> {
  const res = (await socket.timeout(30_000).emitWithAck(name, payload)) as Ack;
  if (!res.ok) throw new Error(`${name}: ${res.error.code} ${res.error.message}`);
  return res.data;
}

const once = <T>(socket: Socket, event: string) => new Promise<T>((resolve) => socket.once(event, resolve));

interface LiveSession {
  expert: Socket;
  customer: Socket;
  formId: string;
  /** The customer's copy of the form; its updates go to the server. */
  doc: Y.Doc;
}

const server = await startServer(port);
const sockets: Socket[] = [];
try {
  const admin = await signIn(server.url, 'admin@kanava.example');
  const expertCookie = await signIn(server.url, 'mikko.expert@kanava.example');
  const headers = { cookie: admin, 'content-type': 'application/json', accept: 'application/json' };
  const get = <T>(path: string) => fetch(`${server.url}${path}`, { headers }).then((r) => json<T>(r));
  const post = <T>(path: string, body: unknown) => fetch(`${server.url}${path}`, { method: 'POST', headers, body: JSON.stringify(body) }).then((r) => json<T>(r));

  const providers = await get<{ id: string; code: string }[]>('/api/registry/providers');
  const kela = providers.find((p) => p.code === 'kela');
  if (!kela) throw new Error('demo provider kela missing');
  const services = await get<{ id: string; code: string }[]>(`/api/registry/providers/${kela.id}/services`);
  const housing = services.find((s) => s.code === 'housing-allowance');
  if (!housing) throw new Error('demo service housing-allowance missing');
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Helsinki' }).format(new Date());

  const setupStarted = performance.now();
  const points: { slug: string; kioskToken: string }[] = [];
  for (let i = 0; i < sessionCount; i++) {
    const slug = `bench-collab-${i}`;
    const point = await post<{ id: string; kioskToken: string }>('/api/registry/points', { slug, nameFi: `Mittauspiste ${i}`, nameSv: `Mätpunkt ${i}`, municipality: 'Kuhmo' });
    await post('/api/registry/agreements', { pointId: point.id, providerId: kela.id, validFrom: today, serviceIds: [housing.id] });
    points.push({ slug, kioskToken: point.kioskToken });
  }

  const openSession = async ({ slug, kioskToken }: { slug: string; kioskToken: string }, i: number): Promise<LiveSession> => {
    const expert = await connect(server.url, expertCookie);
    const customer = await connect(server.url);
    sockets.push(expert, customer);
    const { routerRtpCapabilities } = await ok(expert, 'room.getRouterCapabilities', { pointSlug: slug });
    await ok(expert, 'room.join', { pointSlug: slug, displayName: 'Mikko', rtpCapabilities: routerRtpCapabilities });
    const joined = await ok(customer, 'room.join', { pointSlug: slug, displayName: `Asiakas ${i}`, rtpCapabilities: routerRtpCapabilities, kioskToken });
    const admitted = once(customer, 'admitted');
    await ok(expert, 'lobby.admit', { peerId: joined['peerId'] });
    await admitted;
    await ok(customer, 'room.enterCall', {});
    const { templates } = (await ok(expert, 'form.templates', {})) as { templates: { templateId: string }[] };
    const template = templates[0];
    if (!template) throw new Error(`no form template at ${slug}`);
    const form = await ok(expert, 'form.open', { templateId: template.templateId });
    const formId = String(form['formId']);
    // The customer's Y.Doc catches up with the server (sync step 1 → step 2) like the browser's.
    const doc = new Y.Doc();
    const step1 = encoding.createEncoder();
    syncProtocol.writeSyncStep1(step1, doc);
    const { reply } = await ok(customer, 'form.sync', { formId, message: encoding.toUint8Array(step1) });
    if (reply instanceof Uint8Array) syncProtocol.readSyncMessage(decoding.createDecoder(reply), encoding.createEncoder(), doc, 'server');
    return { expert, customer, formId, doc };
  };
  // A few rooms at a time: setting up is not what is measured.
  const sessions: LiveSession[] = [];
  for (let i = 0; i < points.length; i += 10) {
    sessions.push(...(await Promise.all(points.slice(i, i + 10).map((p, j) => openSession(p, i + j)))));
  }
  process.stdout.write(`${sessions.length} live sessions (expert + admitted customer, one form open each) set up in ${((performance.now() - setupStarted) / 1000).toFixed(1)} s\n`);

  const chatLatencies: number[] = [];
  const formLatencies: number[] = [];
  const refused: string[] = [];
  const chatSent = new Map<string, number>();
  const formSent = new Map<string, number>();
  let running = true;
  const timers: NodeJS.Timeout[] = [];

  sessions.forEach((s, i) => {
    s.expert.on('chatMessage', (e: { message: { text: string } }) => {
      const sent = chatSent.get(e.message.text);
      if (sent === undefined) return;
      chatSent.delete(e.message.text);
      chatLatencies.push(performance.now() - sent);
    });
    s.expert.on('formUpdated', (e: { formId: string }) => {
      const sent = formSent.get(e.formId);
      if (sent === undefined) return;
      formSent.delete(e.formId);
      formLatencies.push(performance.now() - sent);
    });
    let chatN = 0;
    const sendChat = () => {
      if (!running) return;
      const text = `viesti ${i}-${++chatN}`;
      chatSent.set(text, performance.now());
      s.customer.timeout(30_000).emitWithAck('chat.send', { text }).then(
        (res: Ack) => { if (!res.ok) refused.push(`chat ${res.error.code}`); },
        () => refused.push('chat timeout'),
      );
      timers.push(setTimeout(sendChat, 800 + Math.random() * 400));
    };
    let typed = 0;
    const edit = () => {
      if (!running) return;
      const text = s.doc.getText(FIELD);
      // Type a character, then delete it: the field stays short while every edit is an update.
      if (typed++ % 2 === 0) text.insert(text.length, 'x');
      else text.delete(text.length - 1, 1);
      timers.push(setTimeout(edit, 200 + Math.random() * 100));
    };
    s.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === 'server') return;
      const encoder = encoding.createEncoder();
      syncProtocol.writeUpdate(encoder, update);
      // One edit in flight per form is timed (the next one starts only after this one arrived).
      if (!formSent.has(s.formId)) formSent.set(s.formId, performance.now());
      s.customer.timeout(30_000).emitWithAck('form.sync', { formId: s.formId, message: encoding.toUint8Array(encoder) }).then(
        (res: Ack) => { if (!res.ok) refused.push(`form ${res.error.code}`); },
        () => refused.push('form timeout'),
      );
    });
    // Spread the sessions' first sends over the first second.
    timers.push(setTimeout(sendChat, Math.random() * 1000), setTimeout(edit, Math.random() * 300));
  });

  const started = performance.now();
  await new Promise((r) => setTimeout(r, seconds * 1000));
  running = false;
  for (const t of timers) clearTimeout(t);
  const wallMs = performance.now() - started;
  await new Promise((r) => setTimeout(r, 1000));

  const f = (v: number) => v.toFixed(1);
  const report = (label: string, values: number[]) =>
    process.stdout.write(
      `${label}: n=${values.length} (${((values.length / wallMs) * 1000).toFixed(0)}/s), ${sessions.length} live sessions, p50 ${f(percentile(values, 50))} ms, p99 ${f(percentile(values, 99))} ms, max ${f(Math.max(...values))} ms\n`,
    );
  report('chat message customer → expert', chatLatencies);
  report('form edit customer → expert  ', formLatencies);
  if (refused.length > 0) process.stdout.write(`refused or timed out: ${refused.length} (${[...new Set(refused)].join(', ')})\n`);
} finally {
  for (const s of sockets) s.disconnect();
  await server.stop();
}
