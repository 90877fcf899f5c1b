import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { weekdays, type ServicePointRecord } from '@kanava/shared';
import type { ApiResult } from '../../auth/api.ts';
import { emptyWeekText, exceptionsToText, rangesToText, textToExceptions, textToRanges } from './openingHoursText.ts';
import { Field, SaveMessage, useSave } from './ui.tsx';

type Text = Record<'slug' | 'nameFi' | 'nameSv' | 'municipality' | 'streetAddress' | 'postalCode' | 'postOffice' | 'contactPhone' | 'contactEmail' | 'responsiblePerson' | 'notes', string>;

function initialText(p: ServicePointRecord | undefined): Text {
  return {
    slug: p?.slug ?? '',
    nameFi: p?.nameFi ?? '',
    nameSv: p?.nameSv ?? '',
    municipality: p?.municipality ?? '',
    streetAddress: p?.streetAddress ?? '',
    postalCode: p?.postalCode ?? '',
    postOffice: p?.postOffice ?? '',
    contactPhone: p?.contactPhone ?? '',
    contactEmail: p?.contactEmail ?? '',
    responsiblePerson: p?.responsiblePerson ?? '',
    notes: p?.equipment.notes ?? '',
  };
}

/** The registry details of a point: create (with its permanent link) or edit. */
export function PointForm({ point, onSave }: { point?: ServicePointRecord; onSave: (body: Record<string, unknown>) => Promise<ApiResult<ServicePointRecord>> }) {
  const { t } = useTranslation();
  const [text, setText] = useState<Text>(() => initialText(point));
  const [week, setWeek] = useState(() => {
    const w = emptyWeekText();
    if (point) for (const d of weekdays) w[d] = rangesToText(point.openingHours.weekly[d]);
    return w;
  });
  const [exceptions, setExceptions] = useState(() => (point ? exceptionsToText(point.openingHours) : ''));
  const [equipment, setEquipment] = useState({
    documentCamera: point?.equipment.documentCamera ?? false,
    printer: point?.equipment.printer ?? false,
    scanner: point?.equipment.scanner ?? false,
  });
  const save = useSave();
  const set = (k: keyof Text) => (v: string) => setText((s) => ({ ...s, [k]: v }));
  const labels: Record<string, string> = {
    slug: t('records.point.slug'),
    nameFi: t('records.point.nameFi'),
    nameSv: t('records.point.nameSv'),
    municipality: t('records.point.municipality'),
    streetAddress: t('records.point.streetAddress'),
    postalCode: t('records.point.postalCode'),
    postOffice: t('records.point.postOffice'),
    contactPhone: t('records.point.contactPhone'),
    contactEmail: t('records.point.contactEmail'),
    responsiblePerson: t('records.point.responsiblePerson'),
    openingHours: t('records.point.openingHours'),
    equipment: t('records.point.equipment'),
  };

  async function submit(e: FormEvent) {
    e.preventDefault();
    const { slug, notes, ...fields } = text;
    const body = {
      ...(point ? {} : { slug }),
      ...fields,
      openingHours: {
        weekly: Object.fromEntries(weekdays.map((d) => [d, textToRanges(week[d])])),
        exceptions: textToExceptions(exceptions),
      },
      equipment: { ...equipment, notes },
    };
    await save.run(() => onSave(body), point ? t('admin.saved') : t('records.point.created'));
  }

  const field = (k: keyof Text, extra: Partial<Parameters<typeof Field>[0]> = {}) => (
    <Field id={`point-${k}`} label={labels[k] ?? k} value={text[k]} onChange={set(k)} error={save.fieldError(k)} {...extra} />
  );

  return (
    <form className="form" onSubmit={(e) => void submit(e)} noValidate aria-labelledby="point-details-title">
      <h2 id="point-details-title">{t('records.point.details')}</h2>
      {!point && field('slug', { required: true, help: t('records.point.slugHelp') })}
      <div className="grid-2">
        {field('nameFi', { required: true })}
        {field('nameSv', { required: true })}
        {field('municipality', { required: true })}
        {field('responsiblePerson')}
        {field('streetAddress', { autoComplete: 'street-address' })}
        {field('postalCode', { autoComplete: 'postal-code' })}
        {field('postOffice')}
        {field('contactPhone', { type: 'tel' })}
        {field('contactEmail', { type: 'email' })}
      </div>
      <fieldset>
        <legend>{t('records.point.openingHours')}</legend>
        <p className="help" id="hours-help">
          {t('records.point.openingHoursHelp')}
        </p>
        <div className="grid-2">
          {weekdays.map((d) => (
            <Field key={d} id={`hours-${d}`} label={t(`records.weekday.${d}`)} value={week[d]} onChange={(v) => setWeek((w) => ({ ...w, [d]: v }))} error={save.fieldError(`openingHours.weekly.${d}`)} />
          ))}
        </div>
        <Field id="hours-exceptions" label={t('records.point.exceptions')} help={t('records.point.exceptionsHelp')} value={exceptions} onChange={setExceptions} multiline error={save.fieldError('openingHours.exceptions')} />
      </fieldset>
      <fieldset>
        <legend>{t('records.point.equipment')}</legend>
        {(['documentCamera', 'printer', 'scanner'] as const).map((k) => (
          <label key={k} className="checkbox">
            <input type="checkbox" checked={equipment[k]} onChange={(e) => setEquipment((s) => ({ ...s, [k]: e.target.checked }))} />
            {t(`records.point.${k}`)}
          </label>
        ))}
        {field('notes', { multiline: true, id: 'point-equipment-notes', label: t('records.point.equipmentNotes') })}
      </fieldset>
      <SaveMessage state={save.state} labels={labels} />
      <div>
        <button type="submit" className="primary">
          {point ? t('admin.save') : t('admin.create')}
        </button>
      </div>
    </form>
  );
}
