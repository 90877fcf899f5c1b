import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { ServiceSessionId, SurveyAnswer } from '@kanava/shared';
import type { Db } from '../db/database.ts';

/** One hour to answer at the kiosk; an invitation is good for one answer. */
const INVITATION_TTL_MS = 60 * 60 * 1000;

export type SurveyOutcome = 'recorded' | 'unknownOrUsed';

/** Satisfaction survey: invitations issued when a customer's service ends, answers kept without any name. */
export class SurveyRepository {
  readonly #db: Db;

  constructor(db: Db) {
    this.#db = db;
  }

  /** A new one-time token for the customer of this session; only its hash is stored. */
  newInvitation(sessionId: ServiceSessionId, now: Date): { token: string; stored: Promise<void> } {
    const token = randomBytes(24).toString('base64url');
    const stored = this.#db
      .insertInto('survey_invitation')
      .values({
        token_hash: hash(token),
        session_id: sessionId,
        created_at: now.toISOString(),
        expires_at: new Date(now.getTime() + INVITATION_TTL_MS).toISOString(),
        used_at: null,
      })
      .execute()
      .then(() => undefined);
    return { token, stored };
  }

  /** Records the answer if the token is valid, unexpired and unused; the token is spent in the same transaction. */
  async answer(a: SurveyAnswer, now: Date): Promise<SurveyOutcome> {
    return this.#db.transaction().execute(async (tx) => {
      const spent = await tx
        .updateTable('survey_invitation')
        .set({ used_at: now.toISOString() })
        .where('token_hash', '=', hash(a.token))
        .where('used_at', 'is', null)
        .where('expires_at', '>', now.toISOString())
        .returning('session_id')
        .executeTakeFirst();
      if (!spent) return 'unknownOrUsed';
      await tx
        .insertInto('survey_answer')
        .values({
          id: randomUUID(),
          session_id: spent.session_id,
          respondent: 'customer',
          service_rating: a.serviceRating,
          connection_rating: a.connectionRating,
          comment: a.comment && a.comment.length > 0 ? a.comment : null,
          answered_at: now.toISOString(),
        })
        .execute();
      return 'recorded';
    });
  }

  async answersOf(sessionId: ServiceSessionId) {
    return this.#db.selectFrom('survey_answer').selectAll().where('session_id', '=', sessionId).execute();
  }
}

function hash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
