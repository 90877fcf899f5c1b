import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Db } from '../../db/database.ts';

const KEY_NAME = 'booking_link_key';

/**
 * The key that signs customers' personal links. Made once by the first node and stored
 * (`server_secret`), so every node, now and after a restart, verifies the same links, and the
 * mail job can write a link into an e-mail from the link's id alone.
 */
export async function bookingLinkKey(db: Db, now = new Date()): Promise<Buffer> {
  await db
    .insertInto('server_secret')
    .values({ name: KEY_NAME, value_base64: randomBytes(32).toString('base64'), created_at: now.toISOString() })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
  const row = await db.selectFrom('server_secret').select('value_base64').where('name', '=', KEY_NAME).executeTakeFirstOrThrow();
  return Buffer.from(row.value_base64, 'base64');
}

/**
 * A personal link's token: `<link id>.<HMAC-SHA256 of the id>`. The signature lets a forged
 * or mistyped token be refused without a database read; the database keeps only the token's
 * SHA-256, so a copy of the database opens no room; revoking is a column on the link's row.
 */
export class LinkTokens {
  readonly #key: Buffer;

  constructor(key: Buffer) {
    this.#key = key;
  }

  tokenFor(linkId: string): string {
    return `${linkId}.${this.#sign(linkId)}`;
  }

  /** The token's link id when its signature holds; undefined for anything else. */
  verify(token: string): string | undefined {
    const dot = token.lastIndexOf('.');
    if (dot <= 0) return undefined;
    const linkId = token.slice(0, dot);
    const given = Buffer.from(token.slice(dot + 1));
    const expected = Buffer.from(this.#sign(linkId));
    return given.length === expected.length && timingSafeEqual(given, expected) ? linkId : undefined;
  }

  #sign(linkId: string): string {
    return createHmac('sha256', this.#key).update(`kanava-booking-link:${linkId}`).digest('base64url');
  }
}

export function hashLinkToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
