import { z } from 'zod';
import {
  QualityFiguresSchema,
  QualityIncidentSchema,
  QualityPolicySchema,
  QualityReasonSchema,
  QualitySessionSummarySchema,
  type QualityIncident,
  type QualityIncidentId,
  type QualitySessionSummary,
  type RoomId,
  type ServiceSessionId,
} from '@kanava/shared';
import type { DbOrTx } from '../db/database.ts';
import './tables.ts';

/** Which service session (or, before admission exists, which room) an incident belongs to. */
export interface IncidentScope {
  roomId: RoomId;
  sessionId: ServiceSessionId | null;
}

/**
 * Where incidents and each session's quality summary are kept. `save` is called again as an
 * incident changes (opened, worse values, closed): the last call wins. The service-event
 * records read a session's incidents with `listFor` and its summary with `summaryOf`.
 */
export interface QualityIncidentRepository {
  save(scope: IncidentScope, incident: QualityIncident): Promise<void>;
  get(incidentId: QualityIncidentId): Promise<QualityIncident | undefined>;
  listFor(scope: IncidentScope): Promise<QualityIncident[]>;
  /** Written once when the session ends (a second write replaces the first). */
  saveSummary(roomId: RoomId, summary: QualitySessionSummary): Promise<void>;
  summaryOf(sessionId: ServiceSessionId): Promise<QualitySessionSummary | undefined>;
}

/** Keeps the incidents of this process's rooms; bounded, oldest first out. For tests and servers without records. */
export class InMemoryQualityIncidentRepository implements QualityIncidentRepository {
  readonly #byId = new Map<QualityIncidentId, { scope: IncidentScope; incident: QualityIncident }>();
  readonly #summaries = new Map<string, QualitySessionSummary>();
  readonly #max: number;

  constructor(max = 10_000) {
    this.#max = max;
  }

  async save(scope: IncidentScope, incident: QualityIncident): Promise<void> {
    this.#byId.delete(incident.incidentId);
    this.#byId.set(incident.incidentId, { scope, incident: structuredClone(incident) });
    while (this.#byId.size > this.#max) {
      const oldest = this.#byId.keys().next();
      if (oldest.done) break;
      this.#byId.delete(oldest.value);
    }
  }

  async get(incidentId: QualityIncidentId): Promise<QualityIncident | undefined> {
    const entry = this.#byId.get(incidentId);
    return entry ? structuredClone(entry.incident) : undefined;
  }

  async listFor(scope: IncidentScope): Promise<QualityIncident[]> {
    return [...this.#byId.values()]
      .filter((e) => e.scope.roomId === scope.roomId && e.scope.sessionId === scope.sessionId)
      .map((e) => structuredClone(e.incident))
      .sort((a, b) => a.startedAt - b.startedAt);
  }

  async saveSummary(_roomId: RoomId, summary: QualitySessionSummary): Promise<void> {
    this.#summaries.set(summary.sessionId, structuredClone(summary));
    while (this.#summaries.size > this.#max) {
      const oldest = this.#summaries.keys().next();
      if (oldest.done) break;
      this.#summaries.delete(oldest.value);
    }
  }

  async summaryOf(sessionId: ServiceSessionId): Promise<QualitySessionSummary | undefined> {
    const s = this.#summaries.get(sessionId);
    return s ? structuredClone(s) : undefined;
  }
}

const iso = (ms: number) => new Date(ms).toISOString();
const ms = (text: string) => Date.parse(text);
const json = <T extends z.ZodType>(schema: T, text: string): z.infer<T> => schema.parse(JSON.parse(text));

/** Incidents and summaries in the records database (SQLite or PostgreSQL), times as ISO text. */
export class DbQualityIncidentRepository implements QualityIncidentRepository {
  readonly #db: DbOrTx;
  readonly #now: () => Date;

  constructor(db: DbOrTx, now: () => Date = () => new Date()) {
    this.#db = db;
    this.#now = now;
  }

  async save(scope: IncidentScope, incident: QualityIncident): Promise<void> {
    const i = QualityIncidentSchema.parse(incident);
    const changing = {
      ended_at: i.endedAt === null ? null : iso(i.endedAt),
      reasons: JSON.stringify(i.reasons),
      worst: JSON.stringify(i.worst),
      updated_at: this.#now().toISOString(),
    };
    await this.#db
      .insertInto('quality_incident')
      .values({ id: i.incidentId, room_id: scope.roomId, session_id: scope.sessionId, peer_id: i.peerId, started_at: iso(i.startedAt), ...changing })
      .onConflict((oc) => oc.column('id').doUpdateSet(changing))
      .execute();
  }

  async get(incidentId: QualityIncidentId): Promise<QualityIncident | undefined> {
    const row = await this.#db.selectFrom('quality_incident').selectAll().where('id', '=', incidentId).executeTakeFirst();
    return row ? incidentOf(row) : undefined;
  }

  async listFor(scope: IncidentScope): Promise<QualityIncident[]> {
    let q = this.#db.selectFrom('quality_incident').selectAll().where('room_id', '=', scope.roomId);
    q = scope.sessionId === null ? q.where('session_id', 'is', null) : q.where('session_id', '=', scope.sessionId);
    const rows = await q.orderBy('started_at').orderBy('id').execute();
    return rows.map(incidentOf);
  }

  async saveSummary(roomId: RoomId, summary: QualitySessionSummary): Promise<void> {
    const s = QualitySessionSummarySchema.parse(summary);
    const values = {
      room_id: roomId,
      started_at: iso(s.startedAt),
      ended_at: iso(s.endedAt),
      measured_ms: s.measuredMs,
      below_up_ms: s.belowMinimumMs.upload,
      below_down_ms: s.belowMinimumMs.download,
      below_camera_ms: s.belowMinimumMs.camera,
      below_any_ms: s.belowMinimumMs.any,
      worst: JSON.stringify(s.worst),
      lowest_width: s.lowestResolution?.width ?? null,
      lowest_height: s.lowestResolution?.height ?? null,
      incident_count: s.incidentCount,
      policy: JSON.stringify(s.policy),
      overrides: JSON.stringify(s.overrides),
      created_at: this.#now().toISOString(),
    };
    await this.#db
      .insertInto('quality_session_summary')
      .values({ session_id: s.sessionId, ...values })
      .onConflict((oc) => oc.column('session_id').doUpdateSet(values))
      .execute();
  }

  async summaryOf(sessionId: ServiceSessionId): Promise<QualitySessionSummary | undefined> {
    const r = await this.#db.selectFrom('quality_session_summary').selectAll().where('session_id', '=', sessionId).executeTakeFirst();
    if (!r) return undefined;
    return QualitySessionSummarySchema.parse({
      sessionId: r.session_id,
      startedAt: ms(r.started_at),
      endedAt: ms(r.ended_at),
      measuredMs: Number(r.measured_ms),
      belowMinimumMs: { upload: Number(r.below_up_ms), download: Number(r.below_down_ms), camera: Number(r.below_camera_ms), any: Number(r.below_any_ms) },
      worst: json(QualityFiguresSchema, r.worst),
      lowestResolution: r.lowest_width === null || r.lowest_height === null ? null : { width: Number(r.lowest_width), height: Number(r.lowest_height) },
      incidentCount: Number(r.incident_count),
      policy: json(QualityPolicySchema, r.policy),
      overrides: JSON.parse(r.overrides) as unknown,
    });
  }
}

function incidentOf(r: { id: string; peer_id: string; started_at: string; ended_at: string | null; reasons: string; worst: string }): QualityIncident {
  return QualityIncidentSchema.parse({
    incidentId: r.id,
    peerId: r.peer_id,
    startedAt: ms(r.started_at),
    endedAt: r.ended_at === null ? null : ms(r.ended_at),
    reasons: json(z.array(QualityReasonSchema), r.reasons),
    worst: json(QualityFiguresSchema, r.worst),
  });
}
