import { randomBytes } from 'node:crypto';
import type { Db } from '../db/database.ts';

const LINK_KEY_NAME = 'document_link_key';

/**
 * The key of the signed document links. A configured key wins; otherwise the first node to
 * start makes one and stores it, and every node (now or after a restart) reads that same row:
 * the insert does nothing when the row exists, so two nodes starting at once still agree.
 */
export async function documentLinkKey(db: Db, configured: Buffer | undefined, now = new Date()): Promise<Buffer> {
  if (configured) return configured;
  await db
    .insertInto('server_secret')
    .values({ name: LINK_KEY_NAME, value_base64: randomBytes(32).toString('base64'), created_at: now.toISOString() })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
  const row = await db.selectFrom('server_secret').select('value_base64').where('name', '=', LINK_KEY_NAME).executeTakeFirstOrThrow();
  return Buffer.from(row.value_base64, 'base64');
}
