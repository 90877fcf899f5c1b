import type { BookingRepos } from '../BookingStore.ts';
import { hashLinkToken, type LinkTokens } from './linkTokens.ts';

/**
 * Gives a booking's customer a personal link (in the booking's transaction): the row with the
 * token's hash, and the e-mail in the outbox, which signs the same token again when it is sent.
 */
export async function issueHomeLink(r: BookingRepos, tokens: LinkTokens, bookingId: string, email: string, now: Date): Promise<void> {
  const id = crypto.randomUUID();
  await r.links.insert({
    id,
    booking_id: bookingId,
    token_hash: hashLinkToken(tokens.tokenFor(id)),
    email,
    created_at: now.toISOString(),
    revoked_at: null,
    revoked_reason: null,
  });
  await r.mail.enqueue({ bookingId, kind: 'homeLink', sequence: 0, dueAt: now }, now);
}
