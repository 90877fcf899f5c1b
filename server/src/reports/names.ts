import { z } from 'zod';
import { ClassificationSchema } from '@kanava/shared';
import type { DbOrTx } from '../db/database.ts';
import type { ReportData } from './aggregate.ts';

export interface Names {
  nameFi: string;
  nameSv: string;
  nameEn: string;
}

const Classifications = z.array(ClassificationSchema);

const ids = (values: (string | null)[]) => [...new Set(values.filter((v): v is string => v !== null))];

/** The names of the providers, points and services a report's data mentions (and the codes reports and billing show). */
export async function namesFor(db: DbOrTx, data: ReportData) {
  const providerIds = ids([...data.events.map((e) => e.providerId), ...data.noShows.map((n) => n.providerId)]);
  const pointIds = ids([...data.events.map((e) => e.pointId), ...data.noShows.map((n) => n.pointId)]);
  const serviceIds = ids([...data.events.map((e) => e.serviceId), ...data.noShows.map((n) => n.serviceId)]);
  const providers = providerIds.length ? await db.selectFrom('provider').select(['id', 'code', 'name_fi', 'name_sv', 'name_en']).where('id', 'in', providerIds).orderBy('name_fi').execute() : [];
  const points = pointIds.length ? await db.selectFrom('service_point').select(['id', 'slug', 'name_fi', 'name_sv']).where('id', 'in', pointIds).orderBy('name_fi').execute() : [];
  const services = serviceIds.length ? await db.selectFrom('service').select(['id', 'code', 'name_fi', 'name_sv', 'name_en']).where('id', 'in', serviceIds).orderBy('name_fi').execute() : [];
  return {
    providers: new Map(providers.map((p) => [p.id, { nameFi: p.name_fi, nameSv: p.name_sv, nameEn: p.name_en }])),
    points: new Map(points.map((p) => [p.id, { nameFi: p.name_fi, nameSv: p.name_sv, nameEn: p.name_fi }])),
    services: new Map(services.map((s) => [s.id, { nameFi: s.name_fi, nameSv: s.name_sv, nameEn: s.name_en }])),
    providerCodes: new Map(providers.map((p) => [p.id, p.code])),
    pointSlugs: new Map(points.map((p) => [p.id, p.slug])),
    serviceCodes: new Map(services.map((s) => [s.id, s.code])),
  };
}

/** The classifications of the services in the data (in their lists' order), plus any code used that a list no longer has. */
export async function classificationsIn(db: DbOrTx, data: ReportData): Promise<({ code: string } & Names)[]> {
  const serviceIds = ids(data.events.map((e) => e.serviceId));
  const rows = serviceIds.length ? await db.selectFrom('service').select('classifications').where('id', 'in', serviceIds).orderBy('name_fi').execute() : [];
  const out = new Map<string, { code: string } & Names>();
  for (const row of rows) for (const c of Classifications.parse(JSON.parse(row.classifications))) if (!out.has(c.code)) out.set(c.code, c);
  for (const e of data.events) {
    const code = e.classificationCode;
    if (code && !out.has(code)) out.set(code, { code, nameFi: code, nameSv: code, nameEn: code });
  }
  return [...out.values()];
}
