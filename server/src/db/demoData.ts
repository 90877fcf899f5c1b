import {
  NewPointSchema,
  NewProviderSchema,
  NewServiceSchema,
  checklistSteps,
  type ProviderId,
  type StaffRole,
} from '@kanava/shared';
import { hashPassword } from '../auth/passwords.ts';
import type { Logger } from '../logger.ts';
import type { Records } from '../records/Records.ts';
import { DEMO_PASSWORD, demoAccounts, demoAgreements, demoPoints, demoProviders } from './demoContent.ts';

export interface DemoSummary {
  password: string;
  accounts: { email: string; displayName: string; role: string }[];
  /** Kiosk links per point: path with the kiosk token, e.g. /p/kuhmo?k=… */
  kioskLinks: { slug: string; path: string }[];
}

/**
 * Fictional records for the embedded default, so a fresh install has points, providers,
 * agreements and one account per role. Idempotent: existing records (found by slug, code
 * or e-mail) are left as they are, so what a demo user changed survives a restart.
 */
export async function seedDemoData(records: Records, log: Logger, now: Date): Promise<DemoSummary> {
  const { points, providers, services, agreements, accounts, checklist } = records.repos;

  const providerIds = new Map<string, ProviderId>();
  for (const p of demoProviders) {
    const provider = (await providers.getByCode(p.code)) ?? (await providers.create(NewProviderSchema.parse(p), now));
    providerIds.set(p.code, provider.id);
    const existing = await services.listByProvider(provider.id);
    for (const s of p.services) {
      if (existing.some((e) => e.code === s.code)) continue;
      const created = await services.create(provider.id, NewServiceSchema.parse(s), now);
      if (s.card) await services.setCard(created.id, { kind: 'text', text: s.card }, null, now);
    }
  }

  // The demo points went live ten weeks ago, so the pilot view (reports) has weeks of demo events to show.
  const demoGoLive = new Date(now.getTime() - 10 * 7 * 24 * 3_600_000);
  const kioskLinks: DemoSummary['kioskLinks'] = [];
  for (const p of demoPoints) {
    const input = NewPointSchema.parse(p);
    let point = await points.getBySlug(input.slug);
    if (!point) {
      point = await points.create(input, now, p.live ? 'live' : 'draft');
      log.info({ slug: point.slug }, 'demo service point created');
      for (const code of demoAgreements[p.slug] ?? []) {
        const providerId = providerIds.get(code);
        if (!providerId) continue;
        const own = await services.listByProvider(providerId);
        await agreements.create({ pointId: point.id, providerId, validFrom: '2024-01-01', validTo: null, serviceIds: own.map((s) => s.id) }, now);
      }
      if (p.live) {
        for (const step of checklistSteps) await checklist.complete(point.id, step, null, { demo: true }, demoGoLive);
      }
    } else if (p.live && point.status === 'draft' && (await checklist.steps(point.id)).every((s) => !s.done)) {
      // A database from before the registry had statuses: its demo points were open to all.
      await points.setStatus(point.id, 'draft', 'live', now);
      for (const step of checklistSteps) await checklist.complete(point.id, step, null, { demo: true }, demoGoLive);
    }
    kioskLinks.push({ slug: point.slug, path: `/p/${point.slug}?k=${encodeURIComponent(point.kioskToken)}` });
  }

  const summary: DemoSummary['accounts'] = [];
  for (const a of demoAccounts) {
    const roles: StaffRole[] = [];
    for (const r of a.roles) {
      if (r.kind === 'platformAdmin') roles.push({ kind: 'platformAdmin' });
      else if (r.kind === 'advisor') {
        const point = await points.getBySlug(NewPointSchema.shape.slug.parse(r.point));
        if (point) roles.push({ kind: 'advisor', pointId: point.id });
      } else {
        const providerId = providerIds.get(r.provider);
        if (providerId) roles.push({ kind: r.kind, providerId });
      }
    }
    if (!(await accounts.credentialsByEmail(a.email))) {
      await accounts.create({ email: a.email, displayName: a.displayName, passwordHash: await hashPassword(DEMO_PASSWORD), roles }, now);
      log.info({ email: a.email }, 'demo account created');
    }
    summary.push({ email: a.email, displayName: a.displayName, role: a.roles.map((r) => r.kind).join(', ') });
  }
  return { password: DEMO_PASSWORD, accounts: summary, kioskLinks };
}
