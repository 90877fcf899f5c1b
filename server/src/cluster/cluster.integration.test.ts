import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import type { Socket } from 'socket.io-client';
import * as Y from 'yjs';
import { formDoc, type AckResult } from '@kanava/shared';
import { opusSendParameters } from '../../../sfu/src/testing/rtp.ts';
import { openPostgres, type Db } from '../db/database.ts';
import { freshPostgresDatabase } from '../db/testing/testDatabases.ts';
import { YjsPeer } from '../forms/testing/yjsPeer.ts';
import { KIOSK_TOKEN } from '../signalling/testing.ts';
import { startRedisProcess, type RedisProcess } from '../testing/redisServer.ts';
import { connectTo, startNode, startTcpProxy, type NodeProcess, type TcpProxy } from './testing/clusterTesting.ts';

/**
 * Two server nodes as real processes sharing one PostgreSQL (behind a proxy the test can cut)
 * and one Redis (of this file's own, so it can be restarted). Each test starts its nodes.
 */
const LEASE_MS = 1500;
let redis: RedisProcess;
let redisClient: Redis;
let proxy: TcpProxy;
let databaseUrl: string;
let dropDatabase: () => Promise<void>;
let db: Db;
let nodes: NodeProcess[] = [];
let sockets: Socket[] = [];

beforeAll(async () => {
  redis = await startRedisProcess();
  redisClient = new Redis(redis.url, { maxRetriesPerRequest: null });
  redisClient.on('error', () => {}); // Redis is restarted on purpose below
  const fresh = await freshPostgresDatabase();
  dropDatabase = fresh.drop;
  const direct = new URL(fresh.url);
  proxy = await startTcpProxy(Number(direct.port));
  const proxied = new URL(fresh.url);
  proxied.port = String(proxy.port);
  databaseUrl = proxied.href;
  db = await openPostgres(fresh.url, pino({ level: 'silent' }));
}, 60_000);

afterEach(async (context) => {
  // A failing test shows what its nodes logged (warnings and errors).
  if (context.task.result?.state === 'fail' || process.env.TEST_SHOW_NODE_LOGS) {
    for (const n of nodes) process.stderr.write(`--- ${n.nodeId}\n${n.output()}\n`);
  }
  for (const s of sockets) s.disconnect();
  sockets = [];
  await Promise.all(nodes.map((n) => n.kill()));
  nodes = [];
  await proxy.restore().catch(() => undefined);
  await redisClient.flushall();
});

afterAll(async () => {
  await db?.destroy();
  await proxy?.close();
  await dropDatabase?.();
  redisClient?.disconnect();
  await redis?.stop();
});

async function startNodes(...ids: string[]): Promise<NodeProcess[]> {
  const started: NodeProcess[] = [];
  // One after the other: the first migrates the database and writes the demo data.
  for (const nodeId of ids) {
    const node = await startNode({ nodeId, redisUrl: redis.url, databaseUrl, leaseMs: LEASE_MS });
    nodes.push(node);
    started.push(node);
  }
  return started;
}

async function client(node: NodeProcess, staff?: string): Promise<Socket> {
  const socket = await connectTo(node.url, staff);
  sockets.push(socket);
  return socket;
}

function request(socket: Socket, name: string, payload: unknown): Promise<AckResult<Record<string, unknown>>> {
  return socket.timeout(15_000).emitWithAck(name, payload);
}

async function ok(socket: Socket, name: string, payload: unknown): Promise<Record<string, unknown>> {
  const res = await request(socket, name, payload);
  if (!res.ok) throw new Error(`${name}: ${res.error.code} ${res.error.message}`);
  return res.data;
}

/** The next event of that name for which `match` holds. */
function eventWhere<T = Record<string, unknown>>(socket: Socket, event: string, match: (payload: T) => boolean = () => true): Promise<T> {
  return new Promise((resolve) => {
    const listener = (payload: T) => {
      if (!match(payload)) return;
      socket.off(event, listener);
      resolve(payload);
    };
    socket.on(event, listener);
  });
}

const caps = async (s: Socket) => (await ok(s, 'room.getRouterCapabilities', { pointSlug: 'kuhmo' }))['routerRtpCapabilities'];

async function storedFormText(formId: string, field: string): Promise<string> {
  const row = await db.selectFrom('form_instance').select('ydoc_state').where('id', '=', formId).executeTakeFirstOrThrow();
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Buffer.from(row.ydoc_state, 'base64'));
  return doc.getText(formDoc.textKey(field)).toString();
}

async function metric(node: NodeProcess, name: string): Promise<number> {
  const text = await (await fetch(`${node.url}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(`${name} `) || l.startsWith(`${name}{`));
  if (!line) throw new Error(`no ${name} in /metrics`);
  return Number(line.split(' ').at(-1));
}

/** An expert in the call on one node, a customer admitted into it from another. */
async function callAcross(expertNode: NodeProcess, customerNode: NodeProcess, expertName = 'mikko') {
  const expert = await client(expertNode, expertName);
  const expertJoin = await ok(expert, 'room.join', { pointSlug: 'kuhmo', displayName: 'x', rtpCapabilities: await caps(expert) });
  const customer = await client(customerNode);
  const customerJoin = await ok(customer, 'room.join', { pointSlug: 'kuhmo', displayName: 'Aino', rtpCapabilities: await caps(customer), kioskToken: KIOSK_TOKEN });
  const admitted = eventWhere(customer, 'admitted');
  await ok(expert, 'lobby.admit', { peerId: customerJoin['peerId'] });
  await admitted;
  const view = await ok(customer, 'room.enterCall', {});
  return {
    expert,
    customer,
    expertToken: expertJoin['rejoinToken'] as string,
    customerToken: customerJoin['rejoinToken'] as string,
    customerPeerId: customerJoin['peerId'] as string,
    roomId: customerJoin['roomId'] as string,
    sessionId: (view['session'] as { sessionId: string }).sessionId,
  };
}

describe('server nodes sharing rooms through Redis and PostgreSQL', () => {
  it('lets a customer on one node and an expert on another see each other in the lobby, admit, chat, and set up media at the room’s owner', async () => {
    const [a, b] = await startNodes('node-a', 'node-b');
    if (!a || !b) throw new Error('nodes');
    const expert = await client(a, 'mikko');
    await ok(expert, 'room.join', { pointSlug: 'kuhmo', displayName: 'x', rtpCapabilities: await caps(expert) });

    // Another expert watches the directory through node B: the room node A holds is there, with Mikko in it.
    const watcher = await client(b, 'ella');
    const { rooms } = (await ok(watcher, 'directory.watch', {})) as { rooms: Array<{ slug: string; expertPresent: boolean; waitingCount: number }> };
    expect(rooms.find((r) => r.slug === 'kuhmo')).toMatchObject({ expertPresent: true, waitingCount: 0 });

    // The customer arrives through node B; the expert on node A and the watcher on B see her waiting.
    const lobbySeen = eventWhere<{ waiting: Array<{ displayName: string }> }>(expert, 'lobbyChanged', (e) => e.waiting.length === 1);
    const directorySeen = eventWhere<{ room: { waitingCount: number } }>(watcher, 'roomStateChanged', (e) => e.room.waitingCount === 1);
    const customer = await client(b);
    const joined = await ok(customer, 'room.join', { pointSlug: 'kuhmo', displayName: 'Aino', rtpCapabilities: await caps(customer), kioskToken: KIOSK_TOKEN });
    expect(joined).toMatchObject({ admission: 'lobby', role: 'customer' });
    expect((await lobbySeen).waiting[0]?.displayName).toBe('Aino');
    await directorySeen;

    // Admitted by the expert on the other node: she hears it, enters the call and sees him.
    const admitted = eventWhere<{ by: string }>(customer, 'admitted');
    await ok(expert, 'lobby.admit', { peerId: joined['peerId'] });
    expect((await admitted).by).toBe('Mikko (Kela)');
    const view = await ok(customer, 'room.enterCall', {});
    expect(view['peers']).toEqual([expect.objectContaining({ role: 'expert', displayName: 'Mikko (Kela)' })]);
    expect(view['session']).toMatchObject({ admittedBy: 'Mikko (Kela)' });

    // Chat both ways across the nodes.
    const toExpert = eventWhere<{ message: { text: string } }>(expert, 'chatMessage');
    await ok(customer, 'chat.send', { text: 'Hei, olen täällä' });
    expect((await toExpert).message.text).toBe('Hei, olen täällä');
    const toCustomer = eventWhere<{ message: { text: string } }>(customer, 'chatMessage');
    await ok(expert, 'chat.send', { text: 'Tervetuloa' });
    expect((await toCustomer).message.text).toBe('Tervetuloa');

    // Media: her transport and microphone are made at node A's SFU, and the expert consumes them there.
    const produced = eventWhere<{ producer: { peerId: string; producerId: string } }>(expert, 'producerAdded');
    const send = await ok(customer, 'transport.create', { direction: 'send' });
    await ok(customer, 'producer.create', { transportId: send['id'], kind: 'audio', source: 'microphone', paused: false, rtpParameters: opusSendParameters(7777) });
    const { producer } = await produced;
    expect(producer.peerId).toBe(joined['peerId']);
    const recv = await ok(expert, 'transport.create', { direction: 'recv' });
    expect(await ok(expert, 'consumer.create', { transportId: recv['id'], producerId: producer.producerId })).toMatchObject({ kind: 'audio', peerId: joined['peerId'] });
    expect(await metric(a, 'kanava_sfu_routers')).toBe(1);
    expect(await metric(a, 'kanava_sfu_producers')).toBe(1);
    expect(await metric(b, 'kanava_sfu_routers')).toBe(0);

    // She leaves through B; the expert on A is told, and the session ends.
    const ended = eventWhere(expert, 'serviceSessionEnded');
    await ok(customer, 'room.leave', {});
    await ended;
  }, 60_000);

  it('carries the call on through the other node when a server node dies: same session, chat and form intact, no new admission', async () => {
    const [a, b] = await startNodes('node-a', 'node-b');
    if (!a || !b) throw new Error('nodes');
    // The room is held by node A (the customer's node); the expert is connected to node B.
    const customerFirst = await client(a);
    await caps(customerFirst);
    const call = await callAcross(b, a, 'kelaExpert');
    customerFirst.disconnect();
    await ok(call.customer, 'chat.send', { text: 'Kirjoitin tämän ennen katkosta' });

    // A form, typed into by both.
    const { templates } = (await ok(call.expert, 'form.templates', {})) as { templates: Array<{ templateId: string; name: { fi: string } }> };
    const template = templates.find((t) => t.name.fi.startsWith('Yleinen asumistuki'));
    if (!template) throw new Error('demo form template missing');
    const form = await ok(call.expert, 'form.open', { templateId: template.templateId });
    const formId = form['formId'] as string;
    const mikko = new YjsPeer(call.expert, formId);
    const aino = new YjsPeer(call.customer, formId);
    await Promise.all([mikko.connect(), aino.connect()]);
    aino.text('address').insert(0, 'Kainuuntie 1');
    mikko.text('phone').insert(0, '040 123 4567');
    await expect.poll(() => mikko.text('address').toString(), { timeout: 5000 }).toBe('Kainuuntie 1');
    // Stored by node A shortly after the edits (what a node taking over reads).
    await expect.poll(() => storedFormText(formId, 'phone'), { timeout: 5000 }).toBe('040 123 4567');

    // Node A dies. The expert's socket on B is let go (its room's owner is gone); the customer's went with A.
    const expertDropped = eventWhere(call.expert, 'disconnect');
    const killedAt = Date.now();
    await a.kill();
    await expertDropped;

    // Both come back through node B with their rejoin tokens: B takes the room over.
    const customer = await client(b);
    const resumedCustomer = await ok(customer, 'room.resume', { pointSlug: 'kuhmo', rejoinToken: call.customerToken, rtpCapabilities: await caps(customer) });
    expect(resumedCustomer).toMatchObject({ admission: 'inCall', peerId: call.customerPeerId, session: { sessionId: call.sessionId } });
    const expert = await client(b, 'kelaExpert');
    const resumedExpert = await ok(expert, 'room.resume', { pointSlug: 'kuhmo', rejoinToken: call.expertToken, rtpCapabilities: await caps(expert) });
    expect(resumedExpert).toMatchObject({ admission: 'inCall', session: { sessionId: call.sessionId } });
    if (process.env.TEST_SHOW_TIMINGS) process.stderr.write(`node killed → both resumed through the other node: ${Date.now() - killedAt} ms (lease ${LEASE_MS} ms)\n`);

    // The chat and the form are the same session's.
    const history = (await ok(customer, 'chat.history', {})) as { messages: Array<{ text: string }> };
    expect(history.messages.map((m) => m.text)).toEqual(['Kirjoitin tämän ennen katkosta']);
    const { forms } = (await ok(customer, 'form.list', {})) as { forms: Array<{ formId: string }> };
    expect(forms.map((f) => f.formId)).toEqual([formId]);
    const back = new YjsPeer(customer, formId);
    await back.connect();
    expect(back.text('address').toString()).toBe('Kainuuntie 1');
    expect(back.text('phone').toString()).toBe('040 123 4567');

    // The call goes on at node B: chat and media.
    const heard = eventWhere<{ message: { text: string } }>(expert, 'chatMessage');
    await ok(customer, 'chat.send', { text: 'Jatketaan' });
    expect((await heard).message.text).toBe('Jatketaan');
    const send = await ok(customer, 'transport.create', { direction: 'send' });
    await ok(customer, 'producer.create', { transportId: send['id'], kind: 'audio', source: 'microphone', paused: false, rtpParameters: opusSendParameters(8888) });
    expect(await metric(b, 'kanava_sfu_producers')).toBe(1);
    const rows = await db.selectFrom('service_session').selectAll().where('id', '=', call.sessionId).execute();
    expect(rows).toHaveLength(1);
  }, 90_000);

  it('carries on when Redis restarts: readiness reflects it, and the call across nodes works again', async () => {
    const [a, b] = await startNodes('node-a', 'node-b');
    if (!a || !b) throw new Error('nodes');
    const call = await callAcross(a, b);
    const ready = async (node: NodeProcess) => {
      const res = await fetch(`${node.url}/readyz`);
      return { status: res.status, redis: ((await res.json()) as { checks: { redis?: boolean } }).checks.redis };
    };
    expect(await ready(a)).toEqual({ status: 200, redis: true });

    await redis.stop();
    await expect.poll(() => ready(a), { timeout: 5000 }).toEqual({ status: 503, redis: false });
    await redis.restart();
    await expect.poll(() => ready(a), { timeout: 10_000 }).toEqual({ status: 200, redis: true });
    await expect.poll(() => ready(b), { timeout: 10_000 }).toEqual({ status: 200, redis: true });

    // The restarted Redis is empty: the owner takes its room's lease again and writes its state back.
    await expect.poll(() => redisClient.get(`kanava:room:${call.roomId}:owner`), { timeout: 10_000 }).toBe('node-a');
    await expect.poll(async () => (await redisClient.exists(`kanava:room:${call.roomId}:state`)) === 1, { timeout: 10_000 }).toBe(true);

    // Forwarded requests and broadcasts across nodes work again.
    const heard = eventWhere<{ message: { text: string } }>(call.expert, 'chatMessage');
    await ok(call.customer, 'chat.send', { text: 'Redis kävi alhaalla' });
    expect((await heard).message.text).toBe('Redis kävi alhaalla');
  }, 60_000);

  it('answers `unavailable` while PostgreSQL is unreachable, writes nothing half, and serves again when it is back', async () => {
    const [a, b] = await startNodes('node-a', 'node-b');
    if (!a || !b) throw new Error('nodes');
    const expert = await client(a, 'mikko');
    await ok(expert, 'room.join', { pointSlug: 'kuhmo', displayName: 'x', rtpCapabilities: await caps(expert) });
    const customer = await client(b);
    const joined = await ok(customer, 'room.join', { pointSlug: 'kuhmo', displayName: 'Aino', rtpCapabilities: await caps(customer), kioskToken: KIOSK_TOKEN });
    const sessionsBefore = await db.selectFrom('service_session').select('id').execute();

    // The database goes away: admitting fails clearly, the customer goes on waiting, no session is stored.
    await proxy.cut();
    expect(await request(expert, 'lobby.admit', { peerId: joined['peerId'] })).toMatchObject({ ok: false, error: { code: 'unavailable' } });
    const http = await fetch(`${b.url}/api/points/kuhmo`);
    expect(http.status).toBe(503);
    expect(await http.json()).toMatchObject({ error: { code: 'unavailable' } });
    expect((await fetch(`${a.url}/readyz`)).status).toBe(503);

    // Back: the same customer is still waiting and is admitted now.
    await proxy.restore();
    await expect.poll(async () => (await fetch(`${a.url}/readyz`)).status, { timeout: 10_000 }).toBe(200);
    expect((await db.selectFrom('service_session').select('id').execute()).length).toBe(sessionsBefore.length);
    const admitted = eventWhere(customer, 'admitted');
    await ok(expert, 'lobby.admit', { peerId: joined['peerId'] });
    await admitted;
    const view = await ok(customer, 'room.enterCall', {});
    const sessionId = (view['session'] as { sessionId: string }).sessionId;

    // Away again in the middle of the call: chat fails for both, and nothing of it is stored.
    await proxy.cut();
    expect(await request(customer, 'chat.send', { text: 'katkon aikana' })).toMatchObject({ ok: false, error: { code: 'unavailable' } });
    expect(await request(expert, 'chat.send', { text: 'katkon aikana' })).toMatchObject({ ok: false, error: { code: 'unavailable' } });
    await proxy.restore();
    await expect.poll(async () => (await fetch(`${a.url}/readyz`)).status, { timeout: 10_000 }).toBe(200);
    const heard = eventWhere<{ message: { text: string } }>(expert, 'chatMessage');
    await ok(customer, 'chat.send', { text: 'taas yhteys' });
    expect((await heard).message.text).toBe('taas yhteys');
    const texts = (await db.selectFrom('chat_message').select('text').where('session_id', '=', sessionId).execute()).map((r) => r.text);
    expect(texts).toEqual(['taas yhteys']);
    expect((await db.selectFrom('service_session').select('id').execute()).length).toBe(sessionsBefore.length + 1);
    // Connections broken mid-query did not take a node down: both kept their sockets throughout.
    expect([expert.connected, customer.connected]).toEqual([true, true]);
  }, 60_000);
});
