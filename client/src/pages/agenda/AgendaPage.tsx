import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Booking } from '@kanava/shared';
import { hasRole } from '../../auth/session.ts';
import { StaffLayout } from '../admin/StaffLayout.tsx';
import { Loading, useLoad, useNameOf } from '../admin/ui.tsx';
import { bookingApi } from '../booking/bookingApi.ts';
import { helsinkiDateOf, useHelsinkiFormat } from '../booking/helsinkiTime.ts';
import { StateBadge } from '../booking/StateBadge.tsx';
import '../booking/booking.css';

function BookingList({ bookings, withDate }: { bookings: Booking[]; withDate: boolean }) {
  const { t } = useTranslation();
  const nameOf = useNameOf();
  const f = useHelsinkiFormat();
  if (bookings.length === 0) return <p>{t('agenda.none')}</p>;
  return (
    <ul className="agenda-list">
      {bookings.map((b) => {
        const point = nameOf({ nameFi: b.point.nameFi, nameSv: b.point.nameSv });
        const time = `${withDate ? `${f.date(b.startsAt)} ` : ''}${f.time(b.startsAt)}–${f.time(b.endsAt)}`;
        return (
          <li key={b.id} className={`agenda-item booking-${b.state}`} data-booking={b.id}>
            <div>
              <p className="agenda-time">
                <strong>{time}</strong> <StateBadge state={b.state} />
              </p>
              <p>
                {point} · {nameOf(b.provider)}: {nameOf(b.service)}
              </p>
              {b.customer && (
                <p className="muted">
                  {t('agenda.customer')}: {b.customer.name}
                  {b.customer.contact && ` · ${b.customer.contact}`}
                  {b.customer.note && ` · ${b.customer.note}`}
                </p>
              )}
              {b.fromHome && <p className="from-home-badge">{t('booking.book.fromHome')}</p>}
            </div>
            {b.state !== 'cancelled' && (
              <Link className={b.state === 'arrived' ? 'button primary' : 'button'} to={`/p/${b.point.slug}`} aria-label={t('agenda.joinLabel', { point, time: f.time(b.startsAt) })}>
                {t('agenda.join')}
              </Link>
            )}
          </li>
        );
      })}
    </ul>
  );
}

function Agenda() {
  const { t } = useTranslation();
  const agenda = useLoad(() => bookingApi.agenda(8), []);
  if (agenda.state.kind !== 'ready') return <Loading state={agenda.state} />;
  const { today, bookings } = agenda.state.data;
  return (
    <>
      <p className="lead">{t('agenda.intro')}</p>
      <section className="section" aria-labelledby="agenda-today">
        <h2 id="agenda-today">{t('agenda.today')}</h2>
        <BookingList bookings={bookings.filter((b) => helsinkiDateOf(b.startsAt) === today)} withDate={false} />
      </section>
      <section className="section" aria-labelledby="agenda-coming">
        <h2 id="agenda-coming">{t('agenda.coming')}</h2>
        <BookingList bookings={bookings.filter((b) => helsinkiDateOf(b.startsAt) !== today)} withDate />
      </section>
    </>
  );
}

/** The expert's agenda: their own bookings today and in the coming week, each with a button into the point's room. */
export function AgendaPage() {
  const { t } = useTranslation();
  return (
    <StaffLayout title={t('agenda.title')} allow={(u) => hasRole(u, 'expert')}>
      <Agenda />
    </StaffLayout>
  );
}
