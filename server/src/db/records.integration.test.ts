import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { Migrator } from 'kysely/migration';
import {
  NewPointSchema,
  NewProviderSchema,
  NewServiceSchema,
  PointSlugSchema,
  type Provider,
  type ServicePointRecord,
} from '@kanava/shared';
import { Records } from '../records/Records.ts';
import { isUniqueViolation } from './dbErrors.ts';
import { migrationProvider } from './migrations.ts';
import { dialects, openTestDatabase, type TestDatabase } from './testing/testDatabases.ts';

const now = new Date('2025-03-10T08:00:00Z');
const point = (slug: string, extra: Record<string, unknown> = {}) =>
  NewPointSchema.parse({ slug, nameFi: `Piste ${slug}`, nameSv: `Punkt ${slug}`, municipality: 'Kuhmo', ...extra });
const provider = (code: string) => NewProviderSchema.parse({ code, nameFi: code, nameSv: code, nameEn: code });

describe.each(dialects)('records on %s', (dialect) => {
  let t: TestDatabase;
  let records: Records;

  beforeEach(async () => {
    t = await openTestDatabase(dialect);
    records = new Records(t.db);
  });
  afterEach(async () => {
    await t.close();
  });

  it('keeps a point’s registry details, finds it by its link and searches regardless of case and accents', async () => {
    const created = await records.repos.points.create(
      point('ahtari', { nameFi: 'Ähtärin asiointipiste', municipality: 'Ähtäri', streetAddress: 'Torikatu 1', postalCode: '63700' }),
      now,
    );
    await records.repos.points.create(point('kuhmo'), now);
    expect(created).toMatchObject({ slug: 'ahtari', status: 'draft', streetAddress: 'Torikatu 1', postalCode: '63700' });
    expect(created.kioskToken).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(await records.repos.points.findBySlug(PointSlugSchema.parse('ahtari'))).toMatchObject({ nameFi: 'Ähtärin asiointipiste' });
    expect((await records.repos.points.search({ text: 'ähtä' })).map((p) => p.slug)).toEqual(['ahtari']);
    expect((await records.repos.points.search({ text: 'ÄHTÄRI' })).map((p) => p.slug)).toEqual(['ahtari']);
    expect((await records.repos.points.search({ status: 'live' })).map((p) => p.slug)).toEqual([]);
  });

  it('lets the database refuse a second point with the same link', async () => {
    await records.repos.points.create(point('kuhmo'), now);
    const second = records.repos.points.create(point('kuhmo'), now);
    await expect(second).rejects.toSatisfy(isUniqueViolation);
  });

  it('moves a point’s status only from the status it still has, and hides a closed point from its link', async () => {
    const p = await records.repos.points.create(point('kuhmo'), now);
    expect(await records.repos.points.setStatus(p.id, 'draft', 'testing', now)).toBe(true);
    expect(await records.repos.points.setStatus(p.id, 'draft', 'testing', now)).toBe(false);
    expect(await records.repos.points.setStatus(p.id, 'testing', 'closed', now)).toBe(true);
    expect(await records.repos.points.findBySlug(p.slug)).toBeUndefined();
    expect(await records.repos.points.list()).toEqual([]);
  });

  it('writes nothing when a transaction fails half-way', async () => {
    await expect(
      records.transaction(async (r) => {
        const p = await r.points.create(point('kuhmo'), now);
        await r.audit.record(null, { action: 'point.created', entity: 'point', entityId: p.id }, now);
        await r.points.create(point('kuhmo'), now);
      }),
    ).rejects.toSatisfy(isUniqueViolation);
    expect(await records.repos.points.search({})).toEqual([]);
    expect(await records.repos.audit.list({ limit: 10 })).toEqual([]);
  });

  describe('with providers, services and agreements', () => {
    let kela: Provider;
    let vero: Provider;
    let kuhmo: ServicePointRecord;

    beforeEach(async () => {
      kela = await records.repos.providers.create(provider('kela'), now);
      vero = await records.repos.providers.create(provider('vero'), now);
      kuhmo = await records.repos.points.create(point('kuhmo'), now);
    });

    it('keeps a service’s classifications and its card, text or PDF', async () => {
      const s = await records.repos.services.create(
        kela.id,
        NewServiceSchema.parse({
          code: 'housing-allowance',
          nameFi: 'Asumistuki',
          nameSv: 'Bostadsbidrag',
          nameEn: 'Housing allowance',
          classifications: [{ code: 'remote-service', nameFi: 'Etäpalvelu', nameSv: 'Distansservice', nameEn: 'Remote service' }],
        }),
        now,
      );
      expect(s.card).toBe('none');
      await records.repos.services.setCard(s.id, { kind: 'text', text: 'Tarkista vuokrasopimus.' }, null, now);
      expect(await records.repos.services.card(s.id)).toMatchObject({ kind: 'text', text: 'Tarkista vuokrasopimus.' });
      const pdf = Buffer.from('%PDF-1.4\n%âãÏÓ\n', 'latin1');
      await records.repos.services.setCard(s.id, { kind: 'pdf', fileName: 'kortti.pdf', bytes: pdf }, null, now);
      expect(await records.repos.services.card(s.id)).toMatchObject({ kind: 'pdf', fileName: 'kortti.pdf', size: pdf.length });
      expect((await records.repos.services.cardPdf(s.id))?.bytes.equals(pdf)).toBe(true);
      expect((await records.repos.services.listByProvider(kela.id))[0]).toMatchObject({ card: 'pdf', classifications: [{ code: 'remote-service' }] });
      await expect(
        records.repos.services.create(kela.id, NewServiceSchema.parse({ code: 'housing-allowance', nameFi: 'x', nameSv: 'x', nameEn: 'x' }), now),
      ).rejects.toSatisfy(isUniqueViolation);
    });

    it('finds the agreements in force on a Helsinki date, both ends included', async () => {
      await records.repos.agreements.create({ pointId: kuhmo.id, providerId: kela.id, validFrom: '2025-01-01', validTo: '2025-12-31', serviceIds: [] }, now);
      await records.repos.agreements.create({ pointId: kuhmo.id, providerId: vero.id, validFrom: '2025-06-01', validTo: null, serviceIds: [] }, now);
      const providersOn = async (date: string) =>
        (await records.repos.agreements.validOn(date, { pointId: kuhmo.id })).map((a) => a.providerId).sort();
      expect(await providersOn('2024-12-31')).toEqual([]);
      expect(await providersOn('2025-01-01')).toEqual([kela.id]);
      expect(await providersOn('2025-06-01')).toEqual([kela.id, vero.id].sort());
      expect(await providersOn('2025-12-31')).toEqual([kela.id, vero.id].sort());
      expect(await providersOn('2026-01-01')).toEqual([vero.id]);
    });

    it('keeps an agreement’s services, replaces them on update, and refuses two agreements starting the same day', async () => {
      const s1 = await records.repos.services.create(kela.id, NewServiceSchema.parse({ code: 'service-a', nameFi: 'A', nameSv: 'A', nameEn: 'A' }), now);
      const s2 = await records.repos.services.create(kela.id, NewServiceSchema.parse({ code: 'service-b', nameFi: 'B', nameSv: 'B', nameEn: 'B' }), now);
      const a = await records.repos.agreements.create({ pointId: kuhmo.id, providerId: kela.id, validFrom: '2025-01-01', validTo: null, serviceIds: [s1.id, s1.id] }, now);
      expect(a.serviceIds).toEqual([s1.id]);
      expect((await records.repos.agreements.update(a.id, { serviceIds: [s2.id] }, now))?.serviceIds).toEqual([s2.id]);
      await expect(
        records.repos.agreements.create({ pointId: kuhmo.id, providerId: kela.id, validFrom: '2025-01-01', validTo: null, serviceIds: [] }, now),
      ).rejects.toSatisfy(isUniqueViolation);
    });

    it('keeps an account’s roles, refuses a second account with the same e-mail, and finds accounts by role', async () => {
      const acc = await records.repos.accounts.create(
        {
          email: 'sanna@kunta.example',
          displayName: 'Sanna',
          passwordHash: null,
          roles: [
            { kind: 'advisor', pointId: kuhmo.id },
            { kind: 'expert', providerId: kela.id },
          ],
        },
        now,
      );
      expect(acc.roles).toEqual(expect.arrayContaining([{ kind: 'advisor', pointId: kuhmo.id }, { kind: 'expert', providerId: kela.id }]));
      expect(acc).toMatchObject({ hasPassword: false, disabled: false, lockedUntil: null });
      expect((await records.repos.accounts.withRole('advisor', [kuhmo.id])).map((a) => a.email)).toEqual(['sanna@kunta.example']);
      expect(await records.repos.accounts.withRole('expert', [vero.id])).toEqual([]);
      await expect(
        records.repos.accounts.create({ email: 'sanna@kunta.example', displayName: 'Toinen', passwordHash: null, roles: [] }, now),
      ).rejects.toSatisfy(isUniqueViolation);
      const updated = await records.repos.accounts.update(acc.id, { roles: [{ kind: 'platformAdmin' }], disabled: true }, now);
      expect(updated).toMatchObject({ roles: [{ kind: 'platformAdmin' }], disabled: true });
      expect(await records.repos.accounts.staffUser(acc.id)).toBeUndefined();
    });

    it('counts failed sign-ins and locks the account at the limit', async () => {
      const acc = await records.repos.accounts.create({ email: 'a@x.example', displayName: 'A', passwordHash: 'h', roles: [] }, now);
      const until = new Date(now.getTime() + 60_000);
      expect(await records.repos.accounts.recordFailedSignIn(acc.id, 3, until)).toBe(false);
      expect(await records.repos.accounts.recordFailedSignIn(acc.id, 3, until)).toBe(false);
      expect(await records.repos.accounts.recordFailedSignIn(acc.id, 3, until)).toBe(true);
      expect((await records.repos.accounts.credentials(acc.id))?.lockedUntil?.toISOString()).toBe(until.toISOString());
      await records.repos.accounts.clearFailedSignIns(acc.id);
      expect(await records.repos.accounts.credentials(acc.id)).toMatchObject({ failedSignIns: 0, lockedUntil: null });
    });

    it('answers a session only until it expires, and ends all of an account’s sessions but the current one', async () => {
      const acc = await records.repos.accounts.create({ email: 'a@x.example', displayName: 'A', passwordHash: null, roles: [] }, now);
      const later = new Date(now.getTime() + 3_600_000);
      await records.repos.sessions.create('h1', acc.id, now, later);
      await records.repos.sessions.create('h2', acc.id, now, later);
      expect(await records.repos.sessions.accountOf('h1', now)).toBe(acc.id);
      expect(await records.repos.sessions.accountOf('h1', later)).toBeUndefined();
      await records.repos.sessions.deleteAllOf(acc.id, 'h2');
      expect(await records.repos.sessions.accountOf('h1', now)).toBeUndefined();
      expect(await records.repos.sessions.accountOf('h2', now)).toBe(acc.id);
      expect(await records.repos.sessions.deleteExpired(later)).toBe(1);
    });

    it('records the new-point checklist once per step, with who did it', async () => {
      const admin = await records.repos.accounts.create({ email: 'admin@x.example', displayName: 'Alma', passwordHash: null, roles: [{ kind: 'platformAdmin' }] }, now);
      await records.repos.checklist.complete(kuhmo.id, 'agreement', admin, { providers: ['Kela'] }, now);
      const steps = await records.repos.checklist.steps(kuhmo.id);
      expect(steps[0]).toEqual({ step: 'agreement', done: { at: now.toISOString(), by: { id: admin.id, displayName: 'Alma' }, details: { providers: ['Kela'] } } });
      expect(steps.slice(1).every((s) => s.done === null)).toBe(true);
      await expect(records.repos.checklist.complete(kuhmo.id, 'agreement', admin, {}, now)).rejects.toSatisfy(isUniqueViolation);
    });
  });

  it('gives the points made before the registry had kiosk tokens a token of their own', async () => {
    // Start again from the skeleton's schema, then migrate with a point in it.
    await t.close();
    t = await openTestDatabase(dialect, { migrated: false });
    const migrator = new Migrator({ db: t.db, provider: migrationProvider });
    await migrator.migrateTo('0001_service_point');
    await sql`insert into service_point (id, slug, name_fi, name_sv, municipality, created_at) values ('p1', 'vanha', 'Vanha', 'Gamla', 'Kuhmo', ${now.toISOString()})`.execute(t.db);
    expect((await migrator.migrateToLatest()).error).toBeUndefined();
    const old = await new Records(t.db).repos.points.getBySlug(PointSlugSchema.parse('vanha'));
    expect(old).toMatchObject({ status: 'draft', updatedAt: now.toISOString() });
    expect(old?.kioskToken).toMatch(/^[A-Za-z0-9_-]{22}$/);
  });
});

describe('test databases', () => {
  it('run the integration tests on a real PostgreSQL server', async () => {
    const t = await openTestDatabase('postgres');
    try {
      const { rows } = await sql<{ v: string }>`select version() as v`.execute(t.db);
      expect(rows[0]?.v).toMatch(/^PostgreSQL \d+/);
    } finally {
      await t.close();
    }
  });
});

