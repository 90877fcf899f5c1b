import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ServiceEventDetail } from '@kanava/shared';
import { SaveMessage, Select, useNameOf, useSave } from '../pages/admin/ui.tsx';
import { eventsApi } from './eventsApi.ts';

/**
 * The classification (suorite) of one service event: the service (known from the booking, or
 * chosen here), one of its classifications, an optional note; and the staff member's own
 * rating of the connection. Used at the end of the call and in the advisor's day view.
 */
export function ClassifyEvent({ detail, onSaved }: { detail: ServiceEventDetail; onSaved?: () => void }) {
  const { t } = useTranslation();
  const nameOf = useNameOf();
  const id = useId();
  const { event, choices } = detail;
  const [serviceId, setServiceId] = useState(event.service?.id ?? (choices.length === 1 ? (choices[0]?.service.id ?? '') : ''));
  const [code, setCode] = useState(event.classification?.code ?? '');
  const [note, setNote] = useState(event.classification?.note ?? '');
  const [rating, setRating] = useState<number | undefined>(undefined);
  const save = useSave();
  const rate = useSave();
  const choice = choices.find((c) => c.service.id === serviceId);
  const labels = t('events.ratings', { returnObjects: true }) as string[];

  async function submit(e: FormEvent) {
    e.preventDefault();
    const picked = choice?.classifications.find((c) => c.code === code);
    if (!picked) return;
    if (await save.run(() => eventsApi.classify(event.id, { serviceId, code, note }), t('events.saved', { name: nameOf(picked) }))) onSaved?.();
  }

  async function rateConnection(value: number) {
    setRating(value);
    await rate.run(() => eventsApi.rate(event.id, value), t('events.rated'));
  }

  return (
    <div className="classify-event">
      {detail.mayClassify && (
        <form className="form" onSubmit={(e) => void submit(e)} aria-label={t('events.classification')}>
          {(choices.length > 1 || !event.service) && (
            <Select id={`${id}-service`} label={t('events.service')} value={serviceId} onChange={(v) => { setServiceId(v); setCode(''); }} error={save.fieldError('serviceId')}>
              <option value="">–</option>
              {choices.map((c) => (
                <option key={c.service.id} value={c.service.id}>
                  {nameOf(c.service)}
                </option>
              ))}
            </Select>
          )}
          {choice && (
            <fieldset className="choice-list">
              <legend>{t('events.classification')}</legend>
              {choice.classifications.map((c) => (
                <label key={c.code} className="choice">
                  <input type="radio" name={`${id}-code`} value={c.code} checked={code === c.code} onChange={() => setCode(c.code)} />
                  {nameOf(c)}
                </label>
              ))}
            </fieldset>
          )}
          <div className="field">
            <label htmlFor={`${id}-note`}>{t('events.note')}</label>
            <textarea id={`${id}-note`} value={note} maxLength={500} aria-describedby={`${id}-note-help`} onChange={(e) => setNote(e.target.value)} />
            <p id={`${id}-note-help`} className="help">
              {t('events.noteHelp')}
            </p>
          </div>
          <SaveMessage state={save.state} />
          <div>
            <button type="submit" className="primary" disabled={!choice || !code}>
              {t('events.save')}
            </button>
          </div>
        </form>
      )}
      {detail.mayRate && (
        <fieldset className="choice-list rating-scale">
          <legend>{t('events.rating')}</legend>
          {labels.map((label, i) => (
            <label key={label} className="choice">
              <input type="radio" name={`${id}-rating`} value={i + 1} checked={rating === i + 1} onChange={() => void rateConnection(i + 1)} />
              {label}
            </label>
          ))}
          <SaveMessage state={rate.state} />
        </fieldset>
      )}
    </div>
  );
}
