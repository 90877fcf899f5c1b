import type { Booking, BookingLinkStatus } from '@kanava/shared';
import { plusMinutes } from '../grid.ts';
import type { BookingLinkRow } from './BookingLinkRepository.ts';

/**
 * What a personal link lets its holder do now. It opens the booking's room lobby from
 * `opensMinutes` before the booked time until the booking's end; a cancelled or moved booking's
 * link says so (the moved booking's new link came in a newer e-mail).
 */
export function linkStatusOf(link: Pick<BookingLinkRow, 'revoked_reason'>, booking: Booking, now: Date, opensMinutes: number): BookingLinkStatus {
  if (link.revoked_reason === 'cancelled' || booking.state === 'cancelled') return { status: 'cancelled' };
  if (link.revoked_reason === 'moved' || booking.state === 'rescheduled') return { status: 'moved' };
  if (booking.state === 'held' || booking.state === 'expired') return { status: 'unknown' };
  const startsAt = new Date(booking.startsAt);
  if (booking.state === 'noShow' || now.getTime() >= new Date(booking.endsAt).getTime()) return { status: 'ended' };
  const opensAt = plusMinutes(startsAt, -opensMinutes);
  if (now.getTime() < opensAt.getTime()) return { status: 'notYet', opensAt: opensAt.toISOString(), startsAt: booking.startsAt };
  return {
    status: 'open',
    pointSlug: booking.point.slug,
    startsAt: booking.startsAt,
    endsAt: booking.endsAt,
    service: { nameFi: booking.service.nameFi, nameSv: booking.service.nameSv, nameEn: booking.service.nameEn },
    provider: { nameFi: booking.provider.nameFi, nameSv: booking.provider.nameSv, nameEn: booking.provider.nameEn },
  };
}
