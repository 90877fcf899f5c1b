import type { BookingLinkStatus } from '@kanava/shared';
import type { BookingContext } from '../context.ts';
import { readLinkStatus } from '../links/readLinkStatus.ts';

/** A customer opened their personal link: may they go on to the device check and the lobby now, or why not. No sign-in: the token is the proof. */
export async function homeLinkStatus(ctx: BookingContext, token: string): Promise<BookingLinkStatus> {
  return (await readLinkStatus(ctx.store.repos, ctx.linkTokens, token, ctx.now(), ctx.config.linkOpensMinutes)).status;
}
