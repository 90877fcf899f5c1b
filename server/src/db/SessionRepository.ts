import { StaffUserIdSchema, type StaffUserId } from '@kanava/shared';
import type { DbOrTx } from './database.ts';

/** Server-side sessions: the cookie holds a random token, the database only its SHA-256. */
export class SessionRepository {
  readonly #db: DbOrTx;

  constructor(db: DbOrTx) {
    this.#db = db;
  }

  async create(tokenHash: string, accountId: StaffUserId, now: Date, expiresAt: Date): Promise<void> {
    await this.#db
      .insertInto('staff_session')
      .values({
        token_hash: tokenHash,
        account_id: accountId,
        created_at: now.toISOString(),
        expires_at: expiresAt.toISOString(),
        last_seen_at: now.toISOString(),
      })
      .execute();
  }

  /** The account of a session that has not expired at `now`. */
  async accountOf(tokenHash: string, now: Date): Promise<StaffUserId | undefined> {
    const row = await this.#db
      .selectFrom('staff_session')
      .select('account_id')
      .where('token_hash', '=', tokenHash)
      .where('expires_at', '>', now.toISOString())
      .executeTakeFirst();
    return row ? StaffUserIdSchema.parse(row.account_id) : undefined;
  }

  async delete(tokenHash: string): Promise<void> {
    await this.#db.deleteFrom('staff_session').where('token_hash', '=', tokenHash).execute();
  }

  /** Ends every session of an account except, optionally, the one in use (after a password change). */
  async deleteAllOf(accountId: StaffUserId, except?: string): Promise<void> {
    let q = this.#db.deleteFrom('staff_session').where('account_id', '=', accountId);
    if (except) q = q.where('token_hash', '!=', except);
    await q.execute();
  }

  async deleteExpired(now: Date): Promise<number> {
    const r = await this.#db.deleteFrom('staff_session').where('expires_at', '<=', now.toISOString()).executeTakeFirst();
    return Number(r.numDeletedRows);
  }
}
