import type { QualityIncident, QualityIncidentId, RoomId, ServiceSessionId } from '@kanava/shared';

/** Which service session (or, before admission exists, which room) an incident belongs to. */
export interface IncidentScope {
  roomId: RoomId;
  sessionId: ServiceSessionId | null;
}

/**
 * Where incidents are kept. In memory for now; the service-event records will persist
 * them (start, end, worst values) so a report can show the session met its minimum.
 */
export interface QualityIncidentRepository {
  save(scope: IncidentScope, incident: QualityIncident): Promise<void>;
  get(incidentId: QualityIncidentId): Promise<QualityIncident | undefined>;
  listFor(scope: IncidentScope): Promise<QualityIncident[]>;
}

/** Keeps the incidents of this process's rooms; bounded, oldest first out. */
export class InMemoryQualityIncidentRepository implements QualityIncidentRepository {
  readonly #byId = new Map<QualityIncidentId, { scope: IncidentScope; incident: QualityIncident }>();
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
}
