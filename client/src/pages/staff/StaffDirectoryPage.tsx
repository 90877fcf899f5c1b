import { useEffect, useId, useMemo, useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { Link, useNavigate } from 'react-router';
import type { RoomLiveState, WaitingBooking } from '@kanava/shared';
import { askForNotifications, chime, notificationsAllowed, notifyDesktop } from '../../alerts.ts';
import { DirectoryWatch, type DirectoryNotice } from '../../call/DirectoryWatch.ts';
import { Layout } from '../../components/Layout.tsx';
import { formatClock } from '../../format.ts';
import { useStaffSession } from '../../staffSession.ts';
import { useWaitingBookingText } from '../booking/WaitingBookingText.tsx';

/** The expert's and advisor's home: the rooms of the points they serve, live, and nothing missed. */
export function StaffDirectoryPage() {
  const { t } = useTranslation();
  const staff = useStaffSession();
  if (staff.kind === 'loading') {
    return (
      <Layout>
        <p role="status">{t('point.loading')}</p>
      </Layout>
    );
  }
  if (staff.kind === 'signedOut') {
    return (
      <Layout>
        <h1>{t('staff.directoryTitle')}</h1>
        <p className="lead">{t('staff.signInNeeded')}</p>
        <Link className="button primary" to="/sign-in?next=%2Fstaff">
          {t('staff.signIn')}
        </Link>
      </Layout>
    );
  }
  return <Directory />;
}

function Directory() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const bookingText = useWaitingBookingText();
  const [notices, setNotices] = useState<string[]>([]);
  const [notificationsOn, setNotificationsOn] = useState(notificationsAllowed());
  const [filter, setFilter] = useState('');
  const filterId = useId();

  const watch = useMemo(() => {
    const nameOf = (slug: string) => slug;
    return new DirectoryWatch((notice: DirectoryNotice) => {
      const text = describe(notice, t, nameOf, bookingText);
      setNotices((list) => [text, ...list].slice(0, 5));
      if (notice.kind === 'waiting' || notice.kind === 'escalated' || notice.kind === 'advisorCalled') {
        chime();
        const slug = notice.kind === 'waiting' ? notice.room.slug : notice.event.pointSlug;
        notifyDesktop(t('app.name'), text, () => void navigate(`/p/${slug}`));
      }
    });
  }, [t, navigate]);

  useEffect(() => {
    watch.start();
    return () => watch.stop();
  }, [watch]);
  const directory = useSyncExternalStore(watch.subscribe, watch.getSnapshot);

  const waitingTotal = directory.rooms.reduce((sum, r) => sum + r.waitingCount, 0);
  useEffect(() => {
    document.title = waitingTotal > 0 ? `${t('staff.waitingTitle', { count: waitingTotal })} – ${t('app.name')}` : `${t('staff.directoryTitle')} – ${t('app.name')}`;
  }, [waitingTotal, t]);

  const shown = directory.rooms.filter((r) => {
    const q = filter.trim().toLowerCase();
    return q === '' || [r.nameFi, r.nameSv, r.municipality].some((s) => s.toLowerCase().includes(q));
  });

  return (
    <Layout>
      <h1>{t('staff.directoryTitle')}</h1>
      <p>{t('staff.directoryIntro')}</p>
      <div className="directory-tools">
        <label htmlFor={filterId}>{t('staff.filterLabel')}</label>
        <input id={filterId} value={filter} onChange={(e) => setFilter(e.target.value)} />
        {notificationsOn ? (
          <span className="muted">{t('staff.notificationsOn')}</span>
        ) : (
          <button type="button" onClick={() => void askForNotifications().then(setNotificationsOn)}>
            {t('staff.enableNotifications')}
          </button>
        )}
      </div>
      <div role="status" aria-live="assertive" className="notices">
        {notices.map((n, i) => (
          <p key={`${i}-${n}`} className={i === 0 ? 'notice-line latest' : 'notice-line'}>
            {n}
          </p>
        ))}
      </div>
      {directory.status === 'failed' && (
        <p role="alert" className="error">
          {t('errors.connectionFailed')}
        </p>
      )}
      {directory.status === 'live' && directory.rooms.length === 0 && <p>{t('staff.noRooms')}</p>}
      <ul className="room-directory">
        {shown.map((room) => (
          <li key={room.pointId} className={room.waitingCount > 0 ? 'room-card waiting' : 'room-card'} data-slug={room.slug}>
            <div>
              <h2>{i18n.language === 'sv' ? room.nameSv : room.nameFi}</h2>
              <p className="muted">{room.municipality}</p>
              <p className="room-state">{stateText(room, t, i18n.language)}</p>
            </div>
            <Link className={room.waitingCount > 0 ? 'button primary' : 'button'} to={`/p/${room.slug}`}>
              {t('staff.openRoom')}
            </Link>
          </li>
        ))}
      </ul>
    </Layout>
  );
}

type T = TFunction;

function stateText(room: RoomLiveState, t: T, language: string): string {
  const parts: string[] = [];
  if (room.customerWaitingSince) parts.push(t('staff.stateWaiting', { clock: formatClock(room.customerWaitingSince, language) }));
  if (room.inCall) parts.push(t('staff.stateInCall'));
  if (room.expertPresent) parts.push(t('staff.expertPresent'));
  if (room.advisorPresent) parts.push(t('staff.advisorPresent'));
  return parts.length > 0 ? parts.join(' · ') : t('staff.stateEmpty');
}

function describe(notice: DirectoryNotice, t: T, nameOf: (slug: string) => string, bookingText: (b: WaitingBooking) => string): string {
  switch (notice.kind) {
    case 'waiting':
      // The booking the advisor marked arrived, so the expert knows whose time it is before opening the room.
      if (notice.booking) return t('booking.lobby.waitingNotice', { point: notice.room.nameFi, booking: bookingText(notice.booking) });
      return t('staff.waitingNotice', { point: notice.room.nameFi });
    case 'taken':
      return t('staff.takenBy', { point: nameOf(notice.pointSlug), by: notice.by });
    case 'escalated':
      return t('staff.escalated', { point: notice.event.pointName });
    case 'advisorCalled':
      return t('staff.advisorCalled', { point: notice.event.pointName });
  }
}
