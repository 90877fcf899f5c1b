import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ServiceEvent, ServiceEventDetail } from '@kanava/shared';
import { Loading, useLoad, useNameOf } from '../pages/admin/ui.tsx';
import { ClassifyEvent } from './ClassifyEvent.tsx';
import { eventsApi } from './eventsApi.ts';
import './events.css';

/** A time of day in Helsinki, in the reader's language. */
function useClock() {
  const { i18n } = useTranslation();
  const format = new Intl.DateTimeFormat(i18n.language === 'en' ? 'en-GB' : `${i18n.language}-FI`, { hour: '2-digit', minute: '2-digit', timeZone: 'Europe/Helsinki' });
  return (iso: string) => format.format(new Date(iso));
}

function ClassifyRow({ event, onSaved }: { event: ServiceEvent; onSaved: () => void }) {
  const detail = useLoad(() => eventsApi.event(event.id), [event.id]);
  return (
    <tr className="classify-row">
      <td colSpan={6}>
        <Loading state={detail.state} />
        {detail.state.kind === 'ready' && <ClassifyEvent detail={detail.state.data satisfies ServiceEventDetail} onSaved={onSaved} />}
      </td>
    </tr>
  );
}

/** The point's service events of the day on the advisor's day view; those without a classification are flagged. */
export function PointEventsOfDay({ pointId, date }: { pointId: string; date: string }) {
  const { t } = useTranslation();
  const nameOf = useNameOf();
  const day = useLoad(() => eventsApi.ofPointDay(pointId, date), [pointId, date]);
  const [open, setOpen] = useState<string | undefined>();
  const events = day.state.kind === 'ready' ? day.state.data.events : [];
  const unclassified = events.filter((e) => e.classification === null).length;

  return (
    <section className="section events-day" aria-labelledby={`events-${pointId}`}>
      <h2 id={`events-${pointId}`}>{t('events.dayTitle')}</h2>
      <Loading state={day.state} />
      {day.state.kind === 'ready' && events.length === 0 && <p>{t('events.dayNone')}</p>}
      {unclassified > 0 && (
        <p role="status" className="unclassified-badge">
          {t('events.dayUnclassified', { count: unclassified })}
        </p>
      )}
      {events.length > 0 && (
        <table className="records">
          <thead>
            <tr>
              <th scope="col">{t('events.time')}</th>
              <th scope="col">{t('events.service')}</th>
              <th scope="col">{t('events.expert')}</th>
              <th scope="col">{t('events.duration')}</th>
              <th scope="col">{t('events.state')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('events.classify')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {events.map((e) => (
              <EventRow key={e.id} event={e} open={open === e.id} onToggle={() => setOpen(open === e.id ? undefined : e.id)} onSaved={() => { setOpen(undefined); day.reload(); }} nameOf={nameOf} />
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function EventRow({ event: e, open, onToggle, onSaved, nameOf }: { event: ServiceEvent; open: boolean; onToggle: () => void; onSaved: () => void; nameOf: ReturnType<typeof useNameOf> }) {
  const { t } = useTranslation();
  const clock = useClock();
  const time = `${clock(e.admittedAt)}–${clock(e.endedAt)}`;
  return (
    <>
      <tr data-event={e.id}>
        <td>{time}</td>
        <td>{e.service ? `${e.provider ? `${nameOf(e.provider)}: ` : ''}${nameOf(e.service)}` : t('events.noService')}</td>
        <td>{e.expert.name}</td>
        <td>{t('events.minutes', { count: Math.max(1, Math.round(e.durationS / 60)) })}</td>
        <td>{e.classification ? t('events.classifiedAs', { name: nameOf(e.classification), by: e.classification.by }) : <span className="unclassified-badge">{t('events.unclassified')}</span>}</td>
        <td>
          <button type="button" aria-expanded={open} aria-label={t('events.classifyLabel', { time: clock(e.admittedAt) })} onClick={onToggle}>
            {t('events.classify')}
          </button>
        </td>
      </tr>
      {open && <ClassifyRow event={e} onSaved={onSaved} />}
    </>
  );
}
