import { ChecklistStepNameSchema, ChecklistStepSchema, checklistSteps, type ChecklistStep, type ChecklistStepName, type ServicePointId } from '@kanava/shared';
import type { Actor } from './AuditLog.ts';
import type { DbOrTx } from './database.ts';

/** The new-point checklist: one row per done step, with who did it and when. */
export class ChecklistRepository {
  readonly #db: DbOrTx;

  constructor(db: DbOrTx) {
    this.#db = db;
  }

  async steps(pointId: ServicePointId): Promise<ChecklistStep[]> {
    const rows = await this.#db
      .selectFrom('checklist_step')
      .leftJoin('staff_account', 'staff_account.id', 'checklist_step.done_by')
      .select(['checklist_step.step', 'checklist_step.done_at', 'checklist_step.done_by', 'checklist_step.details', 'staff_account.display_name'])
      .where('checklist_step.point_id', '=', pointId)
      .execute();
    return checklistSteps.map((step) => {
      const row = rows.find((r) => ChecklistStepNameSchema.parse(r.step) === step);
      return ChecklistStepSchema.parse({
        step,
        done: row
          ? {
              at: row.done_at,
              by: row.done_by ? { id: row.done_by, displayName: row.display_name ?? '' } : null,
              details: JSON.parse(row.details),
            }
          : null,
      });
    });
  }

  /** Marks a step done; the primary key makes a second completion fail instead of overwriting who did it. */
  async complete(pointId: ServicePointId, step: ChecklistStepName, actor: Actor, details: Record<string, unknown>, now: Date): Promise<void> {
    await this.#db
      .insertInto('checklist_step')
      .values({ point_id: pointId, step, done_at: now.toISOString(), done_by: actor?.id ?? null, details: JSON.stringify(details) })
      .execute();
  }
}
