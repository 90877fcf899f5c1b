import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { hasRole } from '../../auth/session.ts';
import { recordsApi } from './recordsApi.ts';
import { StaffLayout } from './StaffLayout.tsx';
import { Field, Loading, SaveMessage, useLoad, useSave } from './ui.tsx';

const empty = { code: '', nameFi: '', nameSv: '', nameEn: '', contactEmail: '' };

/** Providers: list and create (platform admins). */
export function ProvidersPage() {
  const { t } = useTranslation();
  const { state, reload } = useLoad(() => recordsApi.providers(), []);
  const [form, setForm] = useState(empty);
  const save = useSave();
  const labels = { code: t('records.provider.code'), nameFi: t('records.provider.nameFi'), nameSv: t('records.provider.nameSv'), nameEn: t('records.provider.nameEn'), contactEmail: t('records.provider.contactEmail') };

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (await save.run(() => recordsApi.createProvider(form), t('records.provider.created'))) {
      setForm(empty);
      reload();
    }
  }

  return (
    <StaffLayout title={t('admin.providers')} allow={(u) => hasRole(u, 'platformAdmin')}>
      <Loading state={state} />
      {state.kind === 'ready' && (
        <table className="records">
          <thead>
            <tr>
              <th scope="col">{t('records.provider.code')}</th>
              <th scope="col">{t('records.provider.nameFi')}</th>
              <th scope="col">{t('records.provider.nameSv')}</th>
              <th scope="col">{t('records.provider.contactEmail')}</th>
            </tr>
          </thead>
          <tbody>
            {state.data.map((p) => (
              <tr key={p.id}>
                <td>{p.code}</td>
                <td>{p.nameFi}</td>
                <td>{p.nameSv}</td>
                <td>{p.contactEmail}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <form className="form" onSubmit={(e) => void submit(e)} noValidate aria-labelledby="new-provider-title">
        <h2 id="new-provider-title">{t('records.provider.newProvider')}</h2>
        <div className="grid-2">
          {(Object.keys(empty) as (keyof typeof empty)[]).map((k) => (
            <Field
              key={k}
              id={`provider-${k}`}
              label={labels[k]}
              value={form[k]}
              onChange={(v) => setForm((f) => ({ ...f, [k]: v }))}
              error={save.fieldError(k)}
              required={k !== 'contactEmail'}
              {...(k === 'code' ? { help: t('records.provider.codeHelp') } : {})}
              {...(k === 'contactEmail' ? { type: 'email' } : {})}
            />
          ))}
        </div>
        <SaveMessage state={save.state} labels={labels} />
        <div>
          <button type="submit" className="primary">
            {t('admin.create')}
          </button>
        </div>
      </form>
    </StaffLayout>
  );
}
