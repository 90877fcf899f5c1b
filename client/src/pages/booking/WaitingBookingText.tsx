import { useTranslation } from 'react-i18next';
import type { WaitingBooking } from '@kanava/shared';
import { useNameOf } from '../admin/ui.tsx';
import { useHelsinkiFormat } from './helsinkiTime.ts';

/** One line telling the staff which booking (or walk-in) a waiting customer belongs to. No customer name: every expert of the point sees the lobby. */
export function useWaitingBookingText() {
  const { t } = useTranslation();
  const nameOf = useNameOf();
  const f = useHelsinkiFormat();
  return (b: WaitingBooking) =>
    b.kind === 'booked'
      ? t('booking.lobby.booked', { time: b.startsAt ? f.time(b.startsAt) : '', service: nameOf(b.service), expert: b.expertName ?? '' }) +
        (b.fromHome ? ` · ${t('booking.lobby.fromHome')}` : '')
      : t('booking.lobby.walkIn', { provider: nameOf(b.provider), service: nameOf(b.service) });
}

export function WaitingBookingText({ booking }: { booking: WaitingBooking }) {
  const text = useWaitingBookingText();
  return <p className="waiting-booking">{text(booking)}</p>;
}
