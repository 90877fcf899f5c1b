import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Agreement } from '@kanava/shared';
import { recordsApi } from './recordsApi.ts';
import { Field, SaveMessage, useLoad, useNameOf, useSave } from './ui.tsx';

/** Changes an agreement's end date (ending it) and the services attached to it. */
export function AgreementEditor({ agreement, title, onSaved }: { agreement: Agreement; title: string; onSaved: () => void }) {
  const { t } = useTranslation();
  const nameOf = useNameOf();
  const services = useLoad(() => recordsApi.services(agreement.providerId), [agreement.providerId]);
  const [validTo, setValidTo] = useState(agreement.validTo ?? '');
  const [serviceIds, setServiceIds] = useState<string[]>(agreement.serviceIds);
  const save = useSave();

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (await save.run(() => recordsApi.updateAgreement(agreement.id, { validTo: validTo || null, serviceIds }), t('admin.saved'))) onSaved();
  }

  return (
    <form className="form" onSubmit={(e) => void submit(e)} noValidate aria-label={`${t('admin.edit')}: ${title}`}>
      <Field id={`edit-to-${agreement.id}`} type="date" label={t('records.agreement.validTo')} value={validTo} onChange={setValidTo} error={save.fieldError('validTo')} />
      {services.state.kind === 'ready' && (
        <fieldset>
          <legend>{t('records.agreement.services')}</legend>
          {services.state.data.map((s) => (
            <label key={s.id} className="checkbox">
              <input type="checkbox" checked={serviceIds.includes(s.id)} onChange={(e) => setServiceIds((ids) => (e.target.checked ? [...ids, s.id] : ids.filter((x) => x !== s.id)))} />
              {nameOf(s)}
            </label>
          ))}
        </fieldset>
      )}
      <SaveMessage state={save.state} />
      <div>
        <button type="submit" className="primary">
          {t('admin.save')}
        </button>
      </div>
    </form>
  );
}
