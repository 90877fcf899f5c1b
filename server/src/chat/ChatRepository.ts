import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import {
  ChatMessageSchema,
  type ChatMessage,
  type ParticipantRole,
  type PeerId,
  type ServiceSessionId,
} from '@kanava/shared';
import type { Db } from '../db/database.ts';
import { isUniqueViolation } from '../db/dbErrors.ts';
import type { ChatMessageTable } from '../db/schema.ts';

const MAX_ORDER_RETRIES = 20;

interface NewChatMessage {
  sessionId: ServiceSessionId;
  senderPeerId: PeerId;
  senderName: string;
  senderRole: ParticipantRole;
  text: string;
  sentAt: Date;
}

/** The chat of service sessions, kept in order by the database, deleted after the retention period. */
export class ChatRepository {
  readonly #db: Db;
  /** Appends to one session queue up in this process; the unique (session, seq) constraint guards across processes. */
  readonly #tails = new Map<ServiceSessionId, Promise<unknown>>();

  constructor(db: Db) {
    this.#db = db;
  }

  /** Stores a message at the end of the session's conversation. Two senders at once never get the same place. */
  append(m: NewChatMessage): Promise<ChatMessage> {
    const previous = this.#tails.get(m.sessionId) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(() => this.#append(m));
    this.#tails.set(m.sessionId, next);
    void next.finally(() => {
      if (this.#tails.get(m.sessionId) === next) this.#tails.delete(m.sessionId);
    }).catch(() => undefined);
    return next;
  }

  async #append(m: NewChatMessage): Promise<ChatMessage> {
    for (let attempt = 0; ; attempt++) {
      const row: ChatMessageTable = {
        id: randomUUID(),
        session_id: m.sessionId,
        seq: 0,
        sender_peer_id: m.senderPeerId,
        sender_name: m.senderName,
        sender_role: m.senderRole,
        text: m.text,
        sent_at: m.sentAt.toISOString(),
      };
      try {
        const next = await this.#db
          .selectFrom('chat_message')
          .select(sql<number>`coalesce(max(seq), 0) + 1`.as('next'))
          .where('session_id', '=', m.sessionId)
          .executeTakeFirstOrThrow();
        row.seq = Number(next.next);
        await this.#db.insertInto('chat_message').values(row).execute();
        return toMessage(row);
      } catch (err) {
        // The unique (session, seq) constraint refused a place taken meanwhile: take the next one.
        if (attempt >= MAX_ORDER_RETRIES || !isUniqueViolation(err)) throw err;
      }
    }
  }

  async history(sessionId: ServiceSessionId): Promise<ChatMessage[]> {
    const rows = await this.#db.selectFrom('chat_message').selectAll().where('session_id', '=', sessionId).orderBy('seq').execute();
    return rows.map(toMessage);
  }

  /** Deletes the chat of sessions that ended before `cutoff`; returns how many messages went. */
  async deleteEndedBefore(cutoff: Date): Promise<number> {
    const result = await this.#db
      .deleteFrom('chat_message')
      .where('session_id', 'in', (qb) => qb.selectFrom('service_session').select('id').where('ended_at', 'is not', null).where('ended_at', '<', cutoff.toISOString()))
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}

function toMessage(row: ChatMessageTable): ChatMessage {
  return ChatMessageSchema.parse({
    messageId: row.id,
    sessionId: row.session_id,
    seq: Number(row.seq),
    senderPeerId: row.sender_peer_id,
    senderName: row.sender_name,
    senderRole: row.sender_role,
    text: row.text,
    sentAt: row.sent_at,
  });
}
