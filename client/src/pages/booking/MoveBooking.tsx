import { useTranslation } from 'react-i18next';
import type { Booking } from '@kanava/shared';
import { Loading, useLoad } from '../admin/ui.tsx';
import { bookingApi } from './bookingApi.ts';
import { helsinkiToday, useHelsinkiFormat } from './helsinkiTime.ts';

interface Props {
  booking: Booking;
  onMove: (slot: { startsAt: string; expertId: string }) => void;
  onClose: () => void;
}

/** The free times of the booking's service in the next two weeks; picking one moves the booking there. */
export function MoveBooking({ booking, onMove, onClose }: Props) {
  const { t } = useTranslation();
  const f = useHelsinkiFormat();
  const slots = useLoad(() => bookingApi.slots({ pointId: booking.point.id, serviceId: booking.service.id, from: helsinkiToday(), days: 14 }), [booking.id]);
  const name = booking.customer?.name ?? '';
  return (
    <section className="move-booking" aria-label={t('dayView.moveTitle', { name })}>
      <h3>{t('dayView.moveTitle', { name })}</h3>
      <Loading state={slots.state} />
      {slots.state.kind === 'ready' && slots.state.data.length === 0 && <p>{t('dayView.moveNone')}</p>}
      {slots.state.kind === 'ready' && (
        <ul className="slot-list">
          {slots.state.data.map((s) => (
            <li key={`${s.expertId}-${s.startsAt}`}>
              <button type="button" data-starts-at={s.startsAt} onClick={() => onMove(s)} aria-label={t('booking.book.slotLabel', { date: f.date(s.startsAt), time: f.time(s.startsAt), expert: s.expertName })}>
                {f.date(s.startsAt)} {f.time(s.startsAt)} {s.expertName}
              </button>
            </li>
          ))}
        </ul>
      )}
      <button type="button" onClick={onClose}>
        {t('dayView.moveCancel')}
      </button>
    </section>
  );
}
