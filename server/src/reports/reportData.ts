import { z } from 'zod';
import type { DbOrTx } from '../db/database.ts';
import type { ReportData } from './aggregate.ts';
import '../events/tables.ts';

export interface ReportScope {
  from: Date;
  to: Date;
  /** Only these providers' events and no-shows (a provider admin's own); undefined: all. */
  providerIds?: readonly string[] | undefined;
  pointId?: string | undefined;
}

/** Only the number of incidents is counted here: the incidents themselves were checked when the event was written. */
const IncidentCount = z.object({ incidents: z.array(z.unknown()) }).transform((q) => q.incidents.length);

/** Everything a report counts in a time window, read in four queries; nothing that names a customer is read. */
export async function loadReportData(db: DbOrTx, scope: ReportScope): Promise<ReportData> {
  if (scope.providerIds && scope.providerIds.length === 0) return { events: [], noShows: [], surveys: [], staffRatings: [] };
  let events = db
    .selectFrom('service_event')
    .select(['id', 'provider_id', 'point_id', 'service_id', 'classification_code', 'admitted_at', 'duration_s', 'lobby_wait_s', 'below_minimum_ms', 'quality'])
    .where('admitted_at', '>=', scope.from.toISOString())
    .where('admitted_at', '<', scope.to.toISOString());
  if (scope.providerIds) events = events.where('provider_id', 'in', scope.providerIds);
  if (scope.pointId) events = events.where('point_id', '=', scope.pointId);
  const eventRows = await events.orderBy('admitted_at').execute();

  let noShows = db
    .selectFrom('booking')
    .select(['provider_id', 'point_id', 'service_id', 'starts_at'])
    .where('state', '=', 'noShow')
    .where('starts_at', '>=', scope.from.toISOString())
    .where('starts_at', '<', scope.to.toISOString());
  if (scope.providerIds) noShows = noShows.where('provider_id', 'in', scope.providerIds);
  if (scope.pointId) noShows = noShows.where('point_id', '=', scope.pointId);
  const noShowRows = await noShows.execute();

  const ids = eventRows.map((e) => e.id);
  const surveys = ids.length === 0 ? [] : await inChunks(ids, (chunk) =>
    db.selectFrom('survey_answer').select(['session_id', 'service_rating', 'connection_rating']).where('respondent', '=', 'customer').where('session_id', 'in', chunk).execute(),
  );
  const ratings = ids.length === 0 ? [] : await inChunks(ids, (chunk) => db.selectFrom('service_event_rating').select(['event_id', 'rating']).where('event_id', 'in', chunk).execute());

  return {
    events: eventRows.map((e) => ({
      id: e.id,
      providerId: e.provider_id,
      pointId: e.point_id,
      serviceId: e.service_id,
      classificationCode: e.classification_code,
      admittedAt: e.admitted_at,
      durationS: Number(e.duration_s),
      lobbyWaitS: e.lobby_wait_s === null ? null : Number(e.lobby_wait_s),
      belowMinimumMs: Number(e.below_minimum_ms),
      incidents: IncidentCount.parse(JSON.parse(e.quality)),
    })),
    noShows: noShowRows.map((n) => ({ providerId: n.provider_id, pointId: n.point_id, serviceId: n.service_id, startsAt: n.starts_at })),
    surveys: surveys.map((s) => ({ eventId: s.session_id, serviceRating: s.service_rating === null ? null : Number(s.service_rating), connectionRating: Number(s.connection_rating) })),
    staffRatings: ratings.map((r) => ({ eventId: r.event_id, rating: Number(r.rating) })),
  };
}

/** `in (…)` lists stay below the databases' parameter limits (SQLite: 32766, PostgreSQL: 65535). */
async function inChunks<T>(ids: string[], query: (chunk: string[]) => Promise<T[]>): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < ids.length; i += 1000) out.push(...(await query(ids.slice(i, i + 1000))));
  return out;
}
