import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Provider } from '@kanava/shared';
import { hasRole } from '../../auth/session.ts';
import { RecordForm, useFieldLabels, useRecordForm } from './RecordForm.tsx';
import { recordsApi } from './recordsApi.ts';
import { StaffLayout } from './StaffLayout.tsx';
import { Field, Loading, useLoad } from './ui.tsx';

const empty = { code: '', nameFi: '', nameSv: '', nameEn: '', contactEmail: '' };
type ProviderFields = Omit<typeof empty, 'code'>;
const editable: (keyof ProviderFields)[] = ['nameFi', 'nameSv', 'nameEn', 'contactEmail'];

const useProviderLabels = () => useFieldLabels('records.provider', ['code', 'nameFi', 'nameSv', 'nameEn', 'contactEmail']);

/** Edits a provider's names and contact address; the code stays (it names the provider in links and data). */
function ProviderEditor({ provider, onSaved, onCancel }: { provider: Provider; onSaved: () => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const labels = useProviderLabels();
  const form = useRecordForm<ProviderFields>({ nameFi: provider.nameFi, nameSv: provider.nameSv, nameEn: provider.nameEn, contactEmail: provider.contactEmail });
  return (
    <RecordForm
      id={`edit-provider-${provider.id}`}
      title={t('records.provider.editTitle', { name: provider.nameFi })}
      level={3}
      onSubmit={form.onSubmit((v) => recordsApi.updateProvider(provider.id, v), t('admin.saved'), onSaved)}
      state={form.save.state}
      labels={labels}
      submitLabel={t('admin.save')}
      onCancel={onCancel}
      focusOnOpen
    >
      <div className="grid-2">
        {editable.map((k) => (
          <Field key={k} id={`edit-provider-${provider.id}-${k}`} label={labels[k]} {...form.bind(k)} required={k !== 'contactEmail'} {...(k === 'contactEmail' ? { type: 'email' } : {})} />
        ))}
      </div>
    </RecordForm>
  );
}

/** Providers: list, create and edit (platform admins). */
export function ProvidersPage() {
  const { t } = useTranslation();
  const { state, reload } = useLoad(() => recordsApi.providers(), []);
  const form = useRecordForm(empty);
  const labels = useProviderLabels();
  const [editing, setEditing] = useState('');
  const create = form.onSubmit((v) => recordsApi.createProvider(v), t('records.provider.created'), () => {
    form.reset();
    reload();
  });

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
              <th scope="col">{t('admin.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {state.data.map((p) => (
              <tr key={p.id}>
                <td>{p.code}</td>
                <td>{p.nameFi}</td>
                <td>{p.nameSv}</td>
                <td>{p.contactEmail}</td>
                <td>
                  <button type="button" onClick={() => setEditing(editing === p.id ? '' : p.id)} aria-expanded={editing === p.id} aria-label={`${t('admin.edit')}: ${p.nameFi}`}>
                    {t('admin.edit')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {state.kind === 'ready' &&
        state.data
          .filter((p) => p.id === editing)
          .map((p) => (
            <ProviderEditor
              key={p.id}
              provider={p}
              onSaved={reload}
              onCancel={() => setEditing('')}
            />
          ))}
      <RecordForm id="new-provider" title={t('records.provider.newProvider')} onSubmit={create} state={form.save.state} labels={labels}>
        <div className="grid-2">
          {(Object.keys(empty) as (keyof typeof empty)[]).map((k) => (
            <Field
              key={k}
              id={`provider-${k}`}
              label={labels[k]}
              {...form.bind(k)}
              required={k !== 'contactEmail'}
              {...(k === 'code' ? { help: t('records.provider.codeHelp') } : {})}
              {...(k === 'contactEmail' ? { type: 'email' } : {})}
            />
          ))}
        </div>
      </RecordForm>
    </StaffLayout>
  );
}
