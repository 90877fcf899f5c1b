import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Account, Classification, Service, StaffUser } from '@kanava/shared';
import { hasRole } from '../../auth/session.ts';
import { ProviderChoice, useMyProviders } from './ProviderChoice.tsx';
import { RecordForm, useFieldLabels, useRecordForm } from './RecordForm.tsx';
import { recordsApi } from './recordsApi.ts';
import { RoleEditor, type RoleKind } from './RoleEditor.tsx';
import { RoleText } from './RoleText.tsx';
import { ServiceCardEditor } from './ServiceCardEditor.tsx';
import { ServiceQualityPolicies } from '../../quality/ServiceQualityPolicies.tsx';
import { StaffLayout } from './StaffLayout.tsx';
import { Field, Loading, useLoad, useNameOf } from './ui.tsx';

/** "code; Finnish; Swedish; English" per line → classifications. */
function parseClassifications(text: string) {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => {
      const [code = '', nameFi = '', nameSv = '', nameEn = ''] = l.split(';').map((s) => s.trim());
      return { code, nameFi, nameSv, nameEn };
    });
}

/** The classifications as the text field shows them, one per line. */
const classificationsText = (list: Classification[]) => list.map((c) => [c.code, c.nameFi, c.nameSv, c.nameEn].join('; ')).join('\n');

const emptyService = { code: '', nameFi: '', nameSv: '', nameEn: '', classifications: '' };
const emptyExpert = { email: '', displayName: '', password: '' };
/** What a provider admin may give their own people. */
const providerKinds: RoleKind[] = ['expert', 'providerAdmin'];

const useServiceLabels = () => useFieldLabels('records.service', ['code', 'nameFi', 'nameSv', 'nameEn', 'classifications']);

/** Renames a service and edits its classifications; the code stays (bookings and events refer to it). */
function ServiceEditor({ service, onSaved, onCancel }: { service: Service; onSaved: () => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const labels = useServiceLabels();
  const form = useRecordForm({ nameFi: service.nameFi, nameSv: service.nameSv, nameEn: service.nameEn, classifications: classificationsText(service.classifications) });
  const id = `edit-service-${service.id}`;
  return (
    <RecordForm
      id={id}
      title={t('records.service.editTitle', { name: service.nameFi })}
      level={3}
      onSubmit={form.onSubmit((v) => recordsApi.updateService(service.id, { ...v, classifications: parseClassifications(v.classifications) }), t('admin.saved'), onSaved)}
      state={form.save.state}
      labels={labels}
      submitLabel={t('admin.save')}
      onCancel={onCancel}
      focusOnOpen
    >
      <div className="grid-2">
        {(['nameFi', 'nameSv', 'nameEn'] as const).map((k) => (
          <Field key={k} id={`${id}-${k}`} label={labels[k]} {...form.bind(k)} required />
        ))}
      </div>
      <Field id={`${id}-classifications`} label={labels.classifications} help={t('records.service.classificationsHelp')} {...form.bind('classifications')} multiline />
    </RecordForm>
  );
}

function ProviderAdmin({ user }: { user: StaffUser }) {
  const { t } = useTranslation();
  const nameOf = useNameOf();
  const providers = useMyProviders(user);
  const { providerId } = providers;
  const services = useLoad(() => (providerId ? recordsApi.services(providerId) : Promise.resolve({ ok: true as const, data: [] })), [providerId]);
  const experts = useLoad(() => (providerId ? recordsApi.providerAccounts(providerId) : Promise.resolve({ ok: true as const, data: [] })), [providerId]);
  const service = useRecordForm(emptyService);
  const expert = useRecordForm(emptyExpert);
  const [cardFor, setCardFor] = useState('');
  const [editing, setEditing] = useState('');
  const [rolesOf, setRolesOf] = useState('');
  const labels = useServiceLabels();
  const providerList = providers.all;
  const ownProvider = providerList.filter((p) => p.id === providerId);
  // The server lets a provider admin change only accounts whose every role is of their provider.
  const manageable = (a: Account) => hasRole(user, 'platformAdmin') || a.roles.every((r) => (r.kind === 'expert' || r.kind === 'providerAdmin') && r.providerId === providerId);

  const createService = service.onSubmit((v) => recordsApi.createService(providerId, { ...v, classifications: parseClassifications(v.classifications) }), t('records.service.created'), () => {
    service.reset();
    services.reload();
  });
  const createExpert = expert.onSubmit(
    (v) => recordsApi.createAccount({ email: v.email, displayName: v.displayName, ...(v.password ? { password: v.password } : {}), roles: [{ kind: 'expert', providerId }] }),
    t('records.account.created'),
    () => {
      expert.reset();
      experts.reload();
    },
  );

  return (
    <>
      <ProviderChoice id="provider-choice" label={t('records.provider.choose')} providers={providers} />
      <p>
        <Link to="/provider/forms">{t('formAdmin.link')}</Link>
      </p>
      <section className="section" aria-labelledby="services-title">
        <h2 id="services-title">{t('records.service.title')}</h2>
        <Loading state={services.state} />
        {services.state.kind === 'ready' && (
          <table className="records">
            <thead>
              <tr>
                <th scope="col">{t('records.service.nameFi')}</th>
                <th scope="col">{t('records.service.classifications')}</th>
                <th scope="col">{t('records.service.card')}</th>
                <th scope="col">{t('admin.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {services.state.data.map((s) => (
                <tr key={s.id}>
                  <td>{nameOf(s)}</td>
                  <td>{s.classifications.map((c) => nameOf(c)).join(', ')}</td>
                  <td>{t(`records.service.cardKind.${s.card}`)}</td>
                  <td>
                    <div className="toolbar-row">
                      <button type="button" onClick={() => setEditing(editing === s.id ? '' : s.id)} aria-expanded={editing === s.id} aria-label={`${t('records.service.edit')}: ${nameOf(s)}`}>
                        {t('records.service.edit')}
                      </button>
                      <button type="button" onClick={() => setCardFor(cardFor === s.id ? '' : s.id)} aria-expanded={cardFor === s.id} aria-label={`${t('records.service.card')}: ${nameOf(s)}`}>
                        {t('records.service.card')}
                      </button>
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {services.state.kind === 'ready' &&
          services.state.data.filter((s) => s.id === editing).map((s) => <ServiceEditor key={s.id} service={s} onSaved={services.reload} onCancel={() => setEditing('')} />)}
        {services.state.kind === 'ready' &&
          services.state.data.filter((s) => s.id === cardFor).map((s) => <ServiceCardEditor key={s.id} service={s} onChange={services.reload} />)}
        {services.state.kind === 'ready' && <ServiceQualityPolicies services={services.state.data} />}
        <RecordForm id="new-service" title={t('records.service.newService')} level={3} onSubmit={createService} state={service.save.state} labels={labels}>
          <div className="grid-2">
            {(['code', 'nameFi', 'nameSv', 'nameEn'] as const).map((k) => (
              <Field key={k} id={`service-${k}`} label={labels[k]} {...service.bind(k)} required />
            ))}
          </div>
          <Field id="service-classifications" label={labels.classifications} help={t('records.service.classificationsHelp')} {...service.bind('classifications')} multiline />
        </RecordForm>
      </section>
      <section className="section" aria-labelledby="experts-title">
        <h2 id="experts-title">{t('records.service.experts')}</h2>
        {experts.state.kind === 'ready' && (
          <ul>
            {experts.state.data.map((a) => (
              <li key={a.id}>
                {a.displayName} ({a.email}) –{' '}
                {a.roles.map((r, i) => (
                  <span key={i}>
                    {i > 0 && ', '}
                    <RoleText role={r} providers={providerList} points={[]} />
                  </span>
                ))}{' '}
                {manageable(a) && (
                  <button type="button" onClick={() => setRolesOf(rolesOf === a.id ? '' : a.id)} aria-expanded={rolesOf === a.id} aria-label={`${t('records.account.editRoles')}: ${a.displayName}`}>
                    {t('records.account.editRoles')}
                  </button>
                )}
              </li>
            ))}
          </ul>
        )}
        {experts.state.kind === 'ready' &&
          experts.state.data
            .filter((a) => a.id === rolesOf)
            .map((a) => (
              <RoleEditor key={a.id} account={a} kinds={providerKinds} providers={ownProvider} points={[]} onSaved={experts.reload} onCancel={() => setRolesOf('')} />
            ))}
        <RecordForm id="new-expert" title={t('records.service.newExpert')} level={3} onSubmit={createExpert} state={expert.save.state}>
          <div className="grid-2">
            <Field id="expert-email" type="email" label={t('records.account.email')} {...expert.bind('email')} required />
            <Field id="expert-name" label={t('records.account.displayName')} {...expert.bind('displayName')} required />
            <Field id="expert-password" type="password" autoComplete="new-password" label={t('records.account.password')} help={t('records.account.passwordHelp')} {...expert.bind('password')} />
          </div>
        </RecordForm>
      </section>
    </>
  );
}

/** The provider admin's own services (names, classifications, service cards) and experts (accounts and roles). */
export function ProviderAdminPage() {
  const { t } = useTranslation();
  return (
    <StaffLayout title={t('admin.myServices')} allow={(u) => hasRole(u, 'providerAdmin') || hasRole(u, 'platformAdmin')}>
      {(user) => <ProviderAdmin user={user} />}
    </StaffLayout>
  );
}
