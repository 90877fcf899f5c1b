import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { localized, type StaffUser } from '@kanava/shared';
import { hasRole } from '../../auth/session.ts';
import { ProviderChoice, useMyProviders } from '../admin/ProviderChoice.tsx';
import { recordsApi } from '../admin/recordsApi.ts';
import { StaffLayout } from '../admin/StaffLayout.tsx';
import { Loading, Select, useLoad, useNameOf } from '../admin/ui.tsx';
import { FormTemplateEditor } from './FormTemplateEditor.tsx';
import { formTemplatesApi } from './formTemplatesApi.ts';
import '../../documents/material.css';

function FormTemplates({ user }: { user: StaffUser }) {
  const { t, i18n } = useTranslation();
  const nameOf = useNameOf();
  const providers = useMyProviders(user);
  const { providerId } = providers;
  const services = useLoad(() => (providerId ? recordsApi.services(providerId) : Promise.resolve({ ok: true as const, data: [] })), [providerId]);
  const [serviceChoice, setServiceChoice] = useState('');
  const serviceList = services.state.kind === 'ready' ? services.state.data : [];
  const serviceId = serviceChoice || serviceList[0]?.id || '';
  const templates = useLoad(() => (serviceId ? formTemplatesApi.list(serviceId) : Promise.resolve({ ok: true as const, data: [] })), [serviceId]);
  const [editing, setEditing] = useState<string>('');

  return (
    <>
      <ProviderChoice id="form-provider" label={t('records.provider.choose')} providers={providers} nameAsLead={false} />
      <Select id="form-service" label={t('formAdmin.service')} value={serviceId} onChange={(v) => { setServiceChoice(v); setEditing(''); }}>
        {serviceList.map((s) => (
          <option key={s.id} value={s.id}>
            {nameOf(s)}
          </option>
        ))}
      </Select>
      <section className="section" aria-labelledby="templates-title">
        <h2 id="templates-title">{t('formAdmin.templates')}</h2>
        <Loading state={templates.state} />
        {templates.state.kind === 'ready' && templates.state.data.length === 0 && <p>{t('formAdmin.none')}</p>}
        {templates.state.kind === 'ready' && (
          <ul>
            {templates.state.data.map((tpl) => (
              <li key={tpl.id}>
                {localized(tpl.name, i18n.language)} ({tpl.fields.length}){' '}
                <button type="button" aria-expanded={editing === tpl.id} onClick={() => setEditing(editing === tpl.id ? '' : tpl.id)}>
                  {t('formAdmin.edit')}
                </button>
                {editing === tpl.id && <FormTemplateEditor key={tpl.updatedAt} serviceId={serviceId} template={tpl} onSaved={templates.reload} />}
              </li>
            ))}
          </ul>
        )}
        {serviceId && (
          <details>
            <summary>{t('formAdmin.newTemplate')}</summary>
            <FormTemplateEditor key={serviceId} serviceId={serviceId} template={undefined} onSaved={templates.reload} />
          </details>
        )}
      </section>
    </>
  );
}

/** The provider admin's form templates, per service (under /provider). */
export function FormTemplatesPage() {
  const { t } = useTranslation();
  return (
    <StaffLayout title={t('formAdmin.title')} allow={(u) => hasRole(u, 'providerAdmin') || hasRole(u, 'platformAdmin')}>
      {(user) => <FormTemplates user={user} />}
    </StaffLayout>
  );
}
