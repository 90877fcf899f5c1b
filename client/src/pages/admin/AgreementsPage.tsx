import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { hasRole } from '../../auth/session.ts';
import { RecordForm, useRecordForm } from './RecordForm.tsx';
import { recordsApi } from './recordsApi.ts';
import { AgreementEditor } from './AgreementEditor.tsx';
import { StaffLayout } from './StaffLayout.tsx';
import { Field, Loading, Select, useLoad, useNameOf } from './ui.tsx';

const emptyAgreement = { pointId: '', providerId: '', validFrom: '', validTo: '' };

/** Agreements: which provider's services are available at which point, and when. */
export function AgreementsPage() {
  const { t } = useTranslation();
  const nameOf = useNameOf();
  const agreements = useLoad(() => recordsApi.agreements(), []);
  const points = useLoad(() => recordsApi.points(), []);
  const providers = useLoad(() => recordsApi.providers(), []);
  const form = useRecordForm(emptyAgreement);
  const [serviceIds, setServiceIds] = useState<string[]>([]);
  const [editing, setEditing] = useState('');
  const { providerId } = form.values;
  const services = useLoad(() => (providerId ? recordsApi.services(providerId) : Promise.resolve({ ok: true as const, data: [] })), [providerId]);
  const labels = { pointId: t('records.agreement.point'), providerId: t('records.agreement.provider'), validFrom: t('records.agreement.validFrom'), validTo: t('records.agreement.validTo'), serviceIds: t('records.agreement.services') };

  const pointName = (id: string) => (points.state.kind === 'ready' ? (points.state.data.find((p) => p.id === id)?.nameFi ?? id) : id);
  const providerName = (id: string) => {
    const p = providers.state.kind === 'ready' ? providers.state.data.find((x) => x.id === id) : undefined;
    return p ? nameOf(p) : id;
  };

  const submit = form.onSubmit((v) => recordsApi.createAgreement({ ...v, validTo: v.validTo || null, serviceIds }), t('records.agreement.created'), () => {
    form.reset();
    setServiceIds([]);
    agreements.reload();
  });

  return (
    <StaffLayout title={t('records.agreement.title')} allow={(u) => hasRole(u, 'platformAdmin')}>
      <Loading state={agreements.state} />
      {agreements.state.kind === 'ready' && (
        <table className="records">
          <thead>
            <tr>
              <th scope="col">{t('records.agreement.point')}</th>
              <th scope="col">{t('records.agreement.provider')}</th>
              <th scope="col">{t('records.agreement.validFrom')}</th>
              <th scope="col">{t('records.agreement.validTo')}</th>
              <th scope="col">{t('records.agreement.services')}</th>
              <th scope="col">{t('admin.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {agreements.state.data.map((a) => (
              <tr key={a.id}>
                <td>{pointName(a.pointId)}</td>
                <td>{providerName(a.providerId)}</td>
                <td>{a.validFrom}</td>
                <td>{a.validTo ?? t('records.agreement.indefinitely')}</td>
                <td>{a.serviceIds.length}</td>
                <td>
                  <button type="button" aria-expanded={editing === a.id} onClick={() => setEditing(editing === a.id ? '' : a.id)} aria-label={`${t('admin.edit')}: ${pointName(a.pointId)} – ${providerName(a.providerId)}`}>
                    {t('admin.edit')}
                  </button>
                  {editing === a.id && (
                    <AgreementEditor
                      agreement={a}
                      title={`${pointName(a.pointId)} – ${providerName(a.providerId)}`}
                      onSaved={() => {
                        setEditing('');
                        agreements.reload();
                      }}
                    />
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <RecordForm id="new-agreement" title={t('records.agreement.newAgreement')} onSubmit={submit} state={form.save.state} labels={labels}>
        <div className="grid-2">
          <Select id="agreement-point" label={labels.pointId} {...form.bind('pointId')}>
            <option value="">{t('records.agreement.choosePoint')}</option>
            {points.state.kind === 'ready' &&
              points.state.data
                .filter((p) => p.status !== 'closed')
                .map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.nameFi}
                  </option>
                ))}
          </Select>
          <Select
            id="agreement-provider"
            label={labels.providerId}
            {...form.bind('providerId')}
            onChange={(v) => {
              form.set('providerId')(v);
              setServiceIds([]);
            }}
          >
            <option value="">{t('records.agreement.chooseProvider')}</option>
            {providers.state.kind === 'ready' &&
              providers.state.data.map((p) => (
                <option key={p.id} value={p.id}>
                  {nameOf(p)}
                </option>
              ))}
          </Select>
          <Field id="agreement-from" type="date" label={labels.validFrom} {...form.bind('validFrom')} required />
          <Field id="agreement-to" type="date" label={labels.validTo} {...form.bind('validTo')} />
        </div>
        {services.state.kind === 'ready' && services.state.data.length > 0 && (
          <fieldset>
            <legend>{labels.serviceIds}</legend>
            {services.state.data.map((s) => (
              <label key={s.id} className="checkbox">
                <input
                  type="checkbox"
                  checked={serviceIds.includes(s.id)}
                  onChange={(e) => setServiceIds((ids) => (e.target.checked ? [...ids, s.id] : ids.filter((x) => x !== s.id)))}
                />
                {nameOf(s)}
              </label>
            ))}
          </fieldset>
        )}
      </RecordForm>
    </StaffLayout>
  );
}
