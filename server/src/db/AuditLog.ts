import { AuditEntrySchema, type AuditEntry, type StaffUser } from '@kanava/shared';
import type { DbOrTx } from './database.ts';

/** Who did it: a signed-in staff member, or Kanava itself (demo data, scheduled jobs). */
export type Actor = Pick<StaffUser, 'id' | 'displayName'> | null;

export interface AuditRecord {
  action: string;
  entity: string;
  entityId: string;
  details?: Record<string, unknown>;
}

/**
 * The audit log: who changed what and when. Written in the same transaction as the
 * change, so there is never a change without its entry, nor an entry without its change.
 */
export class AuditLog {
  readonly #db: DbOrTx;

  constructor(db: DbOrTx) {
    this.#db = db;
  }

  async record(actor: Actor, entry: AuditRecord, now: Date): Promise<void> {
    await this.#db
      .insertInto('audit_log')
      .values({
        id: crypto.randomUUID(),
        at: now.toISOString(),
        actor_id: actor?.id ?? null,
        actor_name: actor?.displayName ?? 'Kanava',
        action: entry.action,
        entity: entry.entity,
        entity_id: entry.entityId,
        details: JSON.stringify(entry.details ?? {}),
      })
      .execute();
  }

  async list(filter: { entity?: string | undefined; entityId?: string | undefined; limit: number }): Promise<AuditEntry[]> {
    let q = this.#db.selectFrom('audit_log').selectAll().orderBy('at', 'desc').orderBy('id').limit(filter.limit);
    if (filter.entity) q = q.where('entity', '=', filter.entity);
    if (filter.entityId) q = q.where('entity_id', '=', filter.entityId);
    const rows = await q.execute();
    return rows.map((r) =>
      AuditEntrySchema.parse({
        id: r.id,
        at: r.at,
        actor: r.actor_id ? { id: r.actor_id, displayName: r.actor_name } : null,
        action: r.action,
        entity: r.entity,
        entityId: r.entity_id,
        details: JSON.parse(r.details),
      }),
    );
  }
}
