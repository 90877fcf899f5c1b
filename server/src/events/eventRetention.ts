import { singleNode, type JobLock } from '../cluster/runExclusively.ts';
import type { DbOrTx } from '../db/database.ts';
import type { Logger } from '../logger.ts';
import { ServiceEventRepository } from './ServiceEventRepository.ts';

const DAY_MS = 24 * 3_600_000;

export interface RetentionPeriods {
  eventDays: number;
  surveyCommentDays: number;
}

/**
 * One retention sweep: events that ended more than `eventDays` ago are deleted (with their staff
 * ratings, and the survey answers of their sessions, which exist only for them); survey comments
 * older than `surveyCommentDays` are blanked, their ratings kept for the averages.
 * Idempotent, so running it on several nodes at once does no harm (a cluster-wide lock may wrap it).
 */
export async function sweepRetention(db: DbOrTx, periods: RetentionPeriods, now: Date): Promise<{ events: number; surveyComments: number }> {
  const eventCutoff = new Date(now.getTime() - periods.eventDays * DAY_MS).toISOString();
  const commentCutoff = new Date(now.getTime() - periods.surveyCommentDays * DAY_MS).toISOString();
  await db
    .deleteFrom('survey_answer')
    .where('session_id', 'in', (qb) => qb.selectFrom('service_event').select('id').where('ended_at', '<', eventCutoff))
    .execute();
  const events = await new ServiceEventRepository(db).deleteEndedBefore(new Date(eventCutoff));
  const comments = await db
    .updateTable('survey_answer')
    .set({ comment: null })
    .where('comment', 'is not', null)
    .where('answered_at', '<', commentCutoff)
    .executeTakeFirst();
  return { events, surveyComments: Number(comments.numUpdatedRows) };
}

/**
 * Runs the sweep at start and then every `intervalMs` (the pattern of the chat retention job), on one
 * node of a cluster: the lock is held for half the interval, so the other nodes skip that round.
 */
export function startEventRetention(
  db: DbOrTx,
  periods: RetentionPeriods & { intervalMs: number },
  log: Logger,
  lock: JobLock = singleNode,
): { stop(): void; sweep(): Promise<void> } {
  const sweep = () =>
    lock.runExclusively('event-retention', () => sweepRetention(db, periods, new Date()), { holdMs: periods.intervalMs / 2 }).then(
      (r) => {
        if (r && (r.events > 0 || r.surveyComments > 0)) log.info({ ...r, ...periods }, 'retention: old service events and survey comments removed');
      },
      (err: unknown) => log.error({ err }, 'service event retention sweep failed'),
    );
  void sweep();
  const timer = setInterval(() => void sweep(), periods.intervalMs);
  timer.unref();
  return { stop: () => clearInterval(timer), sweep };
}
