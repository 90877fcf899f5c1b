import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Booking, FreeSlot, StaffUser } from '@kanava/shared';
import { hasRole } from '../../auth/session.ts';
import { recordsApi } from '../admin/recordsApi.ts';
import { StaffLayout } from '../admin/StaffLayout.tsx';
import { Field, Loading, SaveMessage, Select, useLoad, useNameOf, useSave } from '../admin/ui.tsx';
import { bookingApi } from './bookingApi.ts';
import { helsinkiDateOf, helsinkiToday, useHelsinkiFormat } from './helsinkiTime.ts';
import './booking.css';

type Step = { kind: 'choose' } | { kind: 'held'; booking: Booking } | { kind: 'done'; booking: Booking };

function CustomerForm({ booking, onDone, onGiveUp }: { booking: Booking; onDone: (b: Booking) => void; onGiveUp: () => void }) {
  const { t } = useTranslation();
  const f = useHelsinkiFormat();
  const [customer, setCustomer] = useState({ name: '', contact: '', note: '' });
  const [fromHome, setFromHome] = useState(false);
  const [email, setEmail] = useState('');
  const homeId = useId();
  const save = useSave();
  const labels = { customer: t('booking.book.customerName'), fromHome: t('booking.book.homeEmail') };

  async function submit(e: FormEvent) {
    e.preventDefault();
    const confirmed = await save.run(() => bookingApi.confirm(booking.id, customer, fromHome ? { email } : null), '');
    if (confirmed) onDone(confirmed);
  }

  return (
    <form className="form" onSubmit={(e) => void submit(e)} aria-labelledby="customer-title" noValidate>
      <p role="status" className="notice-ok">
        {t('booking.book.held', { date: f.date(booking.startsAt), time: f.time(booking.startsAt), expert: booking.expert.displayName, until: booking.heldUntil ? f.time(booking.heldUntil) : '' })}
      </p>
      <h2 id="customer-title">{t('booking.book.customerTitle')}</h2>
      <p className="help">{t('booking.book.privacy')}</p>
      <Field id="customer-name" label={t('booking.book.customerName')} value={customer.name} onChange={(v) => setCustomer((c) => ({ ...c, name: v }))} error={save.fieldError('customer.name')} required autoComplete="off" />
      <Field id="customer-contact" label={t('booking.book.contact')} help={t('booking.book.contactHelp')} value={customer.contact} onChange={(v) => setCustomer((c) => ({ ...c, contact: v }))} error={save.fieldError('customer.contact')} autoComplete="off" />
      <Field id="customer-note" label={t('booking.book.note')} value={customer.note} onChange={(v) => setCustomer((c) => ({ ...c, note: v }))} error={save.fieldError('customer.note')} multiline />
      <div className="field">
        <label className="home-choice">
          <input type="checkbox" checked={fromHome} onChange={(e) => setFromHome(e.target.checked)} aria-describedby={`${homeId}-help`} />
          {t('booking.book.fromHome')}
        </label>
        <p id={`${homeId}-help`} className="help">
          {t('booking.book.fromHomeHelp')}
        </p>
      </div>
      {fromHome && (
        <Field id="customer-home-email" label={t('booking.book.homeEmail')} type="email" value={email} onChange={setEmail} error={save.fieldError('fromHome.email')} required autoComplete="off" />
      )}
      <SaveMessage state={save.state} labels={labels} />
      <div className="toolbar-row">
        <button type="submit" className="primary">
          {t('booking.book.confirm')}
        </button>
        <button type="button" onClick={onGiveUp}>
          {t('booking.book.giveUp')}
        </button>
      </div>
    </form>
  );
}

function Booker({ pointId }: { pointId: string }) {
  const { t } = useTranslation();
  const nameOf = useNameOf();
  const f = useHelsinkiFormat();
  const services = useLoad(() => recordsApi.pointServices(pointId), [pointId]);
  const [serviceId, setServiceId] = useState('');
  const [from, setFrom] = useState(helsinkiToday());
  const [days, setDays] = useState('7');
  const [slots, setSlots] = useState<FreeSlot[] | undefined>();
  const [step, setStep] = useState<Step>({ kind: 'choose' });
  const [problem, setProblem] = useState<string | undefined>();
  const fromId = useId();

  const search = async () => {
    if (!serviceId) return;
    setProblem(undefined);
    const r = await bookingApi.slots({ pointId, serviceId, from, days: Number(days) });
    if (r.ok) setSlots(r.data);
    else setProblem(t('booking.book.failed', { message: r.message }));
  };

  const take = async (slot: FreeSlot) => {
    setProblem(undefined);
    const r = await bookingApi.hold({ pointId, serviceId, expertId: slot.expertId, startsAt: slot.startsAt });
    if (r.ok) {
      setStep({ kind: 'held', booking: r.data });
      return;
    }
    setProblem(r.code === 'slotTaken' ? t('booking.book.slotTaken') : t('booking.book.failed', { message: r.message }));
    await search();
  };

  const byDate = new Map<string, FreeSlot[]>();
  for (const s of slots ?? []) byDate.set(helsinkiDateOf(s.startsAt), [...(byDate.get(helsinkiDateOf(s.startsAt)) ?? []), s]);

  if (step.kind === 'held') {
    return (
      <CustomerForm
        booking={step.booking}
        onDone={(b) => {
          setStep({ kind: 'done', booking: b });
          setSlots(undefined);
        }}
        onGiveUp={() => {
          void bookingApi.cancel(step.booking.id).then(() => search());
          setStep({ kind: 'choose' });
        }}
      />
    );
  }
  return (
    <>
      {step.kind === 'done' && (
        <p role="status" className="notice-ok">
          {t('booking.book.confirmed', { date: f.date(step.booking.startsAt), time: f.time(step.booking.startsAt), service: nameOf(step.booking.service), expert: step.booking.expert.displayName })}
          {step.booking.fromHome && ` ${t('booking.book.confirmedHome', { email: step.booking.fromHome.email })}`}
        </p>
      )}
      <form
        className="form"
        onSubmit={(e) => {
          e.preventDefault();
          void search();
        }}
      >
        <Loading state={services.state} />
        <Select id="book-service" label={t('booking.book.service')} value={serviceId} onChange={(v) => { setServiceId(v); setSlots(undefined); }}>
          <option value="">{t('booking.book.chooseService')}</option>
          {(services.state.kind === 'ready' ? services.state.data : []).map((s) => (
            <option key={`${s.agreementId}-${s.service.id}`} value={s.service.id}>
              {nameOf(s.provider)}: {nameOf(s.service)}
            </option>
          ))}
        </Select>
        <div className="grid-2">
          <div className="field">
            <label htmlFor={fromId}>{t('booking.book.from')}</label>
            <input id={fromId} type="date" value={from} min={helsinkiToday()} onChange={(e) => e.target.value && setFrom(e.target.value)} />
          </div>
          <Select id="book-days" label={t('booking.book.days')} value={days} onChange={setDays}>
            {['7', '14', '31'].map((d) => (
              <option key={d} value={d}>
                {d}
              </option>
            ))}
          </Select>
        </div>
        <div>
          <button type="submit" className="primary" disabled={!serviceId}>
            {t('booking.book.search')}
          </button>
        </div>
      </form>
      {problem && (
        <p role="alert" className="error">
          {problem}
        </p>
      )}
      {slots && (
        <section className="section" aria-labelledby="slots-title">
          <h2 id="slots-title">{t('booking.book.slotsTitle')}</h2>
          {slots.length === 0 && <p>{t('booking.book.noSlots')}</p>}
          <div className="slot-days">
            {[...byDate].map(([date, list]) => (
              <div key={date}>
                <h3>{f.day(date)}</h3>
                <ul className="slot-list">
                  {list.map((s) => (
                    <li key={`${s.expertId}-${s.startsAt}`}>
                      <button type="button" data-starts-at={s.startsAt} onClick={() => void take(s)} aria-label={t('booking.book.slotLabel', { date: f.date(s.startsAt), time: f.time(s.startsAt), expert: s.expertName })}>
                        {f.time(s.startsAt)} {s.expertName}
                      </button>
                    </li>
                  ))}
                </ul>
              </div>
            ))}
          </div>
        </section>
      )}
    </>
  );
}

/** The advisor books a free time of a provider's service for a customer at their point. */
export function BookPage() {
  const { t } = useTranslation();
  return (
    <StaffLayout title={t('booking.book.title')} allow={(u) => hasRole(u, 'advisor')}>
      {(user: StaffUser) => (
        <>
          <p className="lead">{t('booking.book.intro')}</p>
          {user.roles.flatMap((r) => (r.kind === 'advisor' ? [<Booker key={r.pointId} pointId={r.pointId} />] : []))}
        </>
      )}
    </StaffLayout>
  );
}
