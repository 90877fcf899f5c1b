import type { Logger } from '../logger.ts';
import type { ChatRepository } from './ChatRepository.ts';

const HOUR_MS = 3_600_000;

/** Deletes the chat of sessions that ended more than `retentionDays` ago: at start, then every hour. */
export function startChatRetention(chat: ChatRepository, retentionDays: number, log: Logger): { stop(): void } {
  const sweep = () => {
    const cutoff = new Date(Date.now() - retentionDays * 24 * HOUR_MS);
    chat.deleteEndedBefore(cutoff).then(
      (deleted) => {
        if (deleted > 0) log.info({ deleted, cutoff: cutoff.toISOString() }, 'old chat messages deleted');
      },
      (err: unknown) => log.error({ err }, 'chat retention sweep failed'),
    );
  };
  sweep();
  const timer = setInterval(sweep, HOUR_MS);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
