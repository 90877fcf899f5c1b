import { BookingIdSchema, type BookingId, type BookingLinkStatus, type ServicePointId } from '@kanava/shared';
import type { BookingRepos } from '../BookingStore.ts';
import { linkStatusOf } from './linkStatus.ts';
import { hashLinkToken, type LinkTokens } from './linkTokens.ts';

export interface ReadLinkStatus {
  status: BookingLinkStatus;
  bookingId?: BookingId;
  pointId?: ServicePointId;
}

/** What a personal link says now: a forged token is refused by its signature, an unknown one by its hash. */
export async function readLinkStatus(r: BookingRepos, tokens: LinkTokens, token: string, now: Date, opensMinutes: number): Promise<ReadLinkStatus> {
  if (!tokens.verify(token)) return { status: { status: 'unknown' } };
  const link = await r.links.byTokenHash(hashLinkToken(token));
  if (!link) return { status: { status: 'unknown' } };
  const booking = await r.bookings.get(BookingIdSchema.parse(link.booking_id));
  if (!booking) return { status: { status: 'unknown' } };
  return { status: linkStatusOf(link, booking, now, opensMinutes), bookingId: booking.id, pointId: booking.point.id };
}
