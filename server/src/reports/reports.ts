import { DateTime } from 'luxon';
import type { MonthlyReport, PilotReport, ReportRow, ServicePointId } from '@kanava/shared';
import type { DbOrTx } from '../db/database.ts';
import { ZONE } from '../records/time.ts';
import { figuresOf, groupFigures, type ReportData } from './aggregate.ts';
import { loadReportData } from './reportData.ts';
import { classificationsIn, namesFor, type Names } from './names.ts';

/** A Helsinki calendar month as a UTC window [from, to). */
export function monthWindow(month: string): { from: Date; to: Date } {
  const start = DateTime.fromISO(`${month}-01`, { zone: ZONE }).startOf('month');
  if (!start.isValid) throw new Error(`invalid month ${month}`);
  return { from: start.toJSDate(), to: start.plus({ months: 1 }).toJSDate() };
}

function rows(groups: { key: string; figures: ReportRow['figures'] }[], names: Map<string, Names>, unknown: Names): ReportRow[] {
  return groups.map((g) => ({ key: g.key, ...(names.get(g.key) ?? unknown), figures: g.figures }));
}

const UNKNOWN: Names = { nameFi: 'Ei tiedossa', nameSv: 'Okänd', nameEn: 'Not known' };

/** A month's figures per provider, point and service, for the providers in scope. */
export async function monthlyReport(db: DbOrTx, month: string, providerIds: readonly string[] | undefined): Promise<MonthlyReport> {
  const data = await loadReportData(db, { ...monthWindow(month), providerIds });
  const names = await namesFor(db, data);
  return {
    month,
    providers: [...names.providers.entries()].map(([id, n]) => ({ id: id as MonthlyReport['providers'][number]['id'], ...n })),
    classifications: await classificationsIn(db, data),
    total: figuresOf(data),
    byProvider: rows(groupFigures(data, (e) => e.providerId, (n) => n.providerId), names.providers, UNKNOWN),
    byPoint: rows(groupFigures(data, (e) => e.pointId, (n) => n.pointId), names.points, UNKNOWN),
    byService: rows(groupFigures(data, (e) => e.serviceId, (n) => n.serviceId), names.services, UNKNOWN),
  };
}

/**
 * A point's first weeks after go-live (the checklist's goLive step), week by week, with the
 * same figures as the monthly report: the pilot the organisation analyses before widening it.
 */
export async function pilotReport(db: DbOrTx, pointId: ServicePointId, weeks: number, providerIds: readonly string[] | undefined): Promise<PilotReport | undefined> {
  const point = await db.selectFrom('service_point').select(['id', 'name_fi', 'name_sv']).where('id', '=', pointId).executeTakeFirst();
  if (!point) return undefined;
  const goLive = await db.selectFrom('checklist_step').select('done_at').where('point_id', '=', pointId).where('step', '=', 'goLive').executeTakeFirst();
  const base = { point: { id: pointId, nameFi: point.name_fi, nameSv: point.name_sv } };
  if (!goLive) return { ...base, goLiveAt: null, classifications: [], total: figuresOf({ events: [], noShows: [], surveys: [], staffRatings: [] }), byWeek: [] };
  const start = DateTime.fromISO(goLive.done_at, { zone: ZONE }).startOf('day');
  const data = await loadReportData(db, { from: start.toJSDate(), to: start.plus({ weeks }).toJSDate(), providerIds, pointId });
  const byWeek: ReportRow[] = [];
  for (let w = 0; w < weeks; w++) {
    const from = start.plus({ weeks: w });
    const to = from.plus({ weeks: 1 });
    const [fromAt, toAt] = [from.toJSDate().toISOString(), to.toJSDate().toISOString()];
    const inWeek = (at: string) => at >= fromAt && at < toAt;
    const week: ReportData = { ...data, events: data.events.filter((e) => inWeek(e.admittedAt)), noShows: data.noShows.filter((n) => inWeek(n.startsAt)) };
    const label = `${from.toFormat('d.M.')}–${to.minus({ days: 1 }).toFormat('d.M.yyyy')}`;
    byWeek.push({ key: from.toISODate() ?? '', nameFi: `Viikko ${w + 1} (${label})`, nameSv: `Vecka ${w + 1} (${label})`, nameEn: `Week ${w + 1} (${label})`, figures: figuresOf(week) });
  }
  return { ...base, goLiveAt: new Date(goLive.done_at).toISOString(), classifications: await classificationsIn(db, data), total: figuresOf(data), byWeek };
}
