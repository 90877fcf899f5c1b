import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NewPointSchema, PeerIdSchema, ServiceSessionIdSchema, type ServicePointId } from '@kanava/shared';
import { ServicePointRepository } from '../db/ServicePointRepository.ts';
import { dialects, openTestDatabase, type TestDatabase } from '../db/testing/testDatabases.ts';
import { ServiceSessionRepository } from '../sessions/ServiceSessionRepository.ts';
import { ChatRepository } from './ChatRepository.ts';

const aino = PeerIdSchema.parse('aino');
const mikko = PeerIdSchema.parse('mikko');

describe.each(dialects)('chat of service sessions on %s', (dialect) => {
  let t: TestDatabase;
  let chat: ChatRepository;
  let sessions: ServiceSessionRepository;
  let pointId: ServicePointId;

  beforeEach(async () => {
    t = await openTestDatabase(dialect);
    chat = new ChatRepository(t.db);
    sessions = new ServiceSessionRepository(t.db);
    const point = await new ServicePointRepository(t.db).create(
      NewPointSchema.parse({ slug: 'kuhmo', nameFi: 'Kuhmo', nameSv: 'Kuhmo', municipality: 'Kuhmo' }),
      new Date('2026-03-01T08:00:00Z'),
    );
    pointId = point.id;
  });
  afterEach(async () => {
    await t.close();
  });

  async function session(id: string, startedAt = new Date('2026-03-01T09:00:00Z')) {
    const sessionId = ServiceSessionIdSchema.parse(id);
    await sessions.started({ id: sessionId, pointId, admittedByName: 'Mikko', admittedByAccountId: undefined, startedAt });
    return sessionId;
  }

  const message = (sessionId: ReturnType<typeof ServiceSessionIdSchema.parse>, text: string, sender = aino) => ({
    sessionId,
    senderPeerId: sender,
    senderName: sender === aino ? 'Aino' : 'Mikko',
    senderRole: sender === aino ? ('customer' as const) : ('expert' as const),
    text,
    sentAt: new Date(),
  });

  it('keeps each session’s conversation apart and in order', async () => {
    const first = await session('s1');
    const second = await session('s2');
    await chat.append(message(first, 'Hei'));
    await chat.append(message(first, 'Päivää', mikko));
    await chat.append(message(second, 'Toinen asiakas'));
    expect((await chat.history(first)).map((m) => [m.seq, m.text])).toEqual([
      [1, 'Hei'],
      [2, 'Päivää'],
    ]);
    expect((await chat.history(second)).map((m) => m.text)).toEqual(['Toinen asiakas']);
  });

  it('gives 20 messages sent at the same moment 20 different places, without gaps', async () => {
    const s = await session('s1');
    await Promise.all(Array.from({ length: 20 }, (_, i) => chat.append(message(s, `viesti ${i}`, i % 2 ? aino : mikko))));
    const seqs = (await chat.history(s)).map((m) => m.seq);
    expect(seqs).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
  });

  it('stores text exactly as typed, markup included, to be shown as plain text', async () => {
    const s = await session('s1');
    await chat.append(message(s, '<img src=x onerror=alert(1)> & "lainaus"'));
    expect((await chat.history(s))[0]?.text).toBe('<img src=x onerror=alert(1)> & "lainaus"');
  });

  it('deletes the chat of sessions that ended before the retention cut-off, and only those', async () => {
    const old = await session('old', new Date('2026-01-01T09:00:00Z'));
    const recent = await session('recent');
    const running = await session('running');
    await chat.append(message(old, 'vanha'));
    await chat.append(message(recent, 'tuore'));
    await chat.append(message(running, 'käynnissä'));
    await sessions.ended(old, new Date('2026-01-01T10:00:00Z'));
    await sessions.ended(recent, new Date('2026-03-01T10:00:00Z'));
    expect(await chat.deleteEndedBefore(new Date('2026-02-01T00:00:00Z'))).toBe(1);
    expect(await chat.history(old)).toEqual([]);
    expect((await chat.history(recent)).map((m) => m.text)).toEqual(['tuore']);
    expect((await chat.history(running)).map((m) => m.text)).toEqual(['käynnissä']);
  });
});
