import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { canBookingDo, type Booking, type StaffUser } from '@kanava/shared';
import { hasRole } from '../../auth/session.ts';
import { recordsApi } from '../admin/recordsApi.ts';
import { StaffLayout } from '../admin/StaffLayout.tsx';
import { Loading, SaveMessage, Select, useLoad, useNameOf, useSave } from '../admin/ui.tsx';
import { bookingApi } from './bookingApi.ts';
import { helsinkiToday, useHelsinkiFormat } from './helsinkiTime.ts';
import { MoveBooking } from './MoveBooking.tsx';
import { StateBadge } from './StateBadge.tsx';
import { PointEventsOfDay } from '../../events/PointEventsOfDay.tsx';
import './booking.css';

function WalkIn({ pointId, onDone }: { pointId: string; onDone: () => void }) {
  const { t } = useTranslation();
  const nameOf = useNameOf();
  const services = useLoad(() => recordsApi.pointServices(pointId), [pointId]);
  const [providerId, setProviderId] = useState('');
  const [serviceId, setServiceId] = useState('');
  const save = useSave();
  const entries = services.state.kind === 'ready' ? services.state.data : [];
  const providers = [...new Map(entries.map((e) => [e.provider.id, e.provider])).values()];
  const ofProvider = entries.filter((e) => e.provider.id === providerId);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const service = ofProvider.find((x) => x.service.id === serviceId);
    if (!service) return;
    if (await save.run(() => bookingApi.walkIn(pointId, serviceId), t('dayView.walkInRegistered', { service: `${nameOf(service.provider)}: ${nameOf(service.service)}` }))) {
      setServiceId('');
      onDone();
    }
  }

  return (
    <form className="form" onSubmit={(e) => void submit(e)} aria-labelledby="walk-in-title">
      <h2 id="walk-in-title">{t('dayView.walkInTitle')}</h2>
      <p>{t('dayView.walkInIntro')}</p>
      <div className="grid-2">
        <Select id="walk-in-provider" label={t('dayView.provider')} value={providerId} onChange={(v) => { setProviderId(v); setServiceId(''); }}>
          <option value="">–</option>
          {providers.map((p) => (
            <option key={p.id} value={p.id}>
              {nameOf(p)}
            </option>
          ))}
        </Select>
        <Select id="walk-in-service" label={t('dayView.service')} value={serviceId} onChange={setServiceId} error={save.fieldError('serviceId')}>
          <option value="">–</option>
          {ofProvider.map((s) => (
            <option key={s.service.id} value={s.service.id}>
              {nameOf(s.service)}
            </option>
          ))}
        </Select>
      </div>
      <SaveMessage state={save.state} />
      <div>
        <button type="submit" className="primary" disabled={!serviceId}>
          {t('dayView.registerWalkIn')}
        </button>
      </div>
    </form>
  );
}

function Day({ pointId }: { pointId: string }) {
  const { t } = useTranslation();
  const nameOf = useNameOf();
  const f = useHelsinkiFormat();
  const [date, setDate] = useState(helsinkiToday());
  const dateId = useId();
  const day = useLoad(() => bookingApi.day(pointId, date), [pointId, date]);
  const save = useSave();
  const [moving, setMoving] = useState<string | undefined>();

  const move = async (b: Booking, slot: { startsAt: string; expertId: string }) => {
    const moved = await save.run(() => bookingApi.reschedule(b.id, slot), t('dayView.moved', { date: f.date(slot.startsAt), time: f.time(slot.startsAt) }));
    if (moved) setMoving(undefined);
    day.reload();
  };

  const act = async (b: Booking, action: 'arrive' | 'noShow' | 'cancel') => {
    const name = b.customer?.name ?? '';
    const call = action === 'arrive' ? bookingApi.arrive : action === 'noShow' ? bookingApi.noShow : bookingApi.cancel;
    const message = action === 'arrive' ? t('dayView.markedArrived', { name }) : action === 'noShow' ? t('dayView.markedNoShow') : t('dayView.cancelled');
    await save.run(() => call(b.id), message);
    day.reload();
  };

  return (
    <>
      <div className="toolbar-row">
        <div className="field">
          <label htmlFor={dateId}>{t('dayView.date')}</label>
          <input id={dateId} type="date" value={date} onChange={(e) => e.target.value && setDate(e.target.value)} />
        </div>
        <Link className="button" to="/advisor/book">
          {t('dayView.bookTime')}
        </Link>
      </div>
      <SaveMessage state={save.state} />
      <section className="section" aria-labelledby="day-bookings">
        <h2 id="day-bookings">
          {t('dayView.bookings')} – {f.day(date)}
        </h2>
        <Loading state={day.state} />
        {day.state.kind === 'ready' &&
          (day.state.data.bookings.length === 0 ? (
            <p>{t('dayView.none')}</p>
          ) : (
            <table className="records">
              <thead>
                <tr>
                  <th scope="col">{t('dayView.time')}</th>
                  <th scope="col">{t('dayView.customer')}</th>
                  <th scope="col">{t('dayView.service')}</th>
                  <th scope="col">{t('dayView.expert')}</th>
                  <th scope="col">{t('dayView.state')}</th>
                  <th scope="col">{t('dayView.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {day.state.data.bookings.map((b) => {
                  const isToday = date === (day.state.kind === 'ready' ? day.state.data.today : '');
                  const begun = new Date(b.startsAt).getTime() <= Date.now();
                  const who = { name: b.customer?.name ?? '', time: f.time(b.startsAt) };
                  return (
                    <tr key={b.id} data-booking={b.id}>
                      <td>
                        {f.time(b.startsAt)}–{f.time(b.endsAt)}
                      </td>
                      <td>
                        {b.customer?.name}
                        {b.customer?.note && <div className="muted">{b.customer.note}</div>}
                        {b.fromHome && <div className="from-home-badge">{t('dayView.fromHome', { email: b.fromHome.email })}</div>}
                      </td>
                      <td>
                        {nameOf(b.provider)}: {nameOf(b.service)}
                      </td>
                      <td>{b.expert.displayName}</td>
                      <td>
                        <StateBadge state={b.state} />
                      </td>
                      <td>
                        <div className="actions-cell">
                          {isToday && canBookingDo(b.state, 'arrive') && (
                            <button type="button" className="primary" aria-label={t('dayView.arrivedLabel', who)} onClick={() => void act(b, 'arrive')}>
                              {t('dayView.arrived')}
                            </button>
                          )}
                          {begun && canBookingDo(b.state, 'markNoShow') && (
                            <button type="button" onClick={() => void act(b, 'noShow')}>
                              {t('dayView.noShow')}
                            </button>
                          )}
                          {!begun && canBookingDo(b.state, 'reschedule') && (
                            <button type="button" aria-expanded={moving === b.id} aria-label={t('dayView.moveLabel', who)} onClick={() => setMoving(moving === b.id ? undefined : b.id)}>
                              {t('dayView.move')}
                            </button>
                          )}
                          {canBookingDo(b.state, 'cancel') && (
                            <button type="button" className="danger" aria-label={t('dayView.cancelLabel', who)} onClick={() => void act(b, 'cancel')}>
                              {t('dayView.cancel')}
                            </button>
                          )}
                        </div>
                        {moving === b.id && <MoveBooking booking={b} onMove={(slot) => void move(b, slot)} onClose={() => setMoving(undefined)} />}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          ))}
      </section>
      <PointEventsOfDay pointId={pointId} date={date} />
      <section className="section" aria-labelledby="day-arrivals">
        <h2 id="day-arrivals">{t('dayView.arrivals')}</h2>
        {day.state.kind === 'ready' &&
          (day.state.data.arrivals.length === 0 ? (
            <p>{t('dayView.arrivalsNone')}</p>
          ) : (
            <ul className="plain">
              {day.state.data.arrivals.map((a) => (
                <li key={a.id}>
                  {f.time(a.arrivedAt)} · {a.kind === 'booked' ? t('dayView.arrivalBooked') : t('dayView.arrivalWalkIn')} · {nameOf(a.provider)}: {nameOf(a.service)} ·{' '}
                  <span className="muted">{a.attached ? t('dayView.inLobby') : t('dayView.notInLobby')}</span>
                </li>
              ))}
            </ul>
          ))}
      </section>
      <section className="section">
        <WalkIn pointId={pointId} onDone={day.reload} />
      </section>
    </>
  );
}

/** The advisor's day at the point: today's bookings, "customer arrived", and walk-in customers. */
export function DayViewPage() {
  const { t } = useTranslation();
  return (
    <StaffLayout title={t('dayView.title')} allow={(u) => hasRole(u, 'advisor')}>
      {(user: StaffUser) => (
        <>
          <p className="lead">{t('dayView.intro')}</p>
          {user.roles.flatMap((r) => (r.kind === 'advisor' ? [<Day key={r.pointId} pointId={r.pointId} />] : []))}
        </>
      )}
    </StaffLayout>
  );
}
