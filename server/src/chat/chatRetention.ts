import { singleNode, type JobLock } from '../cluster/runExclusively.ts';
import type { Logger } from '../logger.ts';
import type { ChatRepository } from './ChatRepository.ts';

const HOUR_MS = 3_600_000;

/**
 * Deletes the chat of sessions that ended more than `retentionDays` ago: at start, then every hour,
 * on one node of a cluster (the lock is held for most of the hour, so the others skip that round).
 */
export function startChatRetention(chat: ChatRepository, retentionDays: number, log: Logger, lock: JobLock = singleNode): { stop(): void } {
  const sweep = () => {
    const cutoff = new Date(Date.now() - retentionDays * 24 * HOUR_MS);
    lock.runExclusively('chat-retention', () => chat.deleteEndedBefore(cutoff), { holdMs: HOUR_MS / 2 }).then(
      (deleted) => {
        if (deleted !== undefined && deleted > 0) log.info({ deleted, cutoff: cutoff.toISOString() }, 'old chat messages deleted');
      },
      (err: unknown) => log.error({ err }, 'chat retention sweep failed'),
    );
  };
  sweep();
  const timer = setInterval(sweep, HOUR_MS);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
