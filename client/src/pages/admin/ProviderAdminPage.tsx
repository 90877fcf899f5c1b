import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { StaffUser } from '@kanava/shared';
import { hasRole } from '../../auth/session.ts';
import { recordsApi } from './recordsApi.ts';
import { RoleText } from './RoleText.tsx';
import { ServiceCardEditor } from './ServiceCardEditor.tsx';
import { StaffLayout } from './StaffLayout.tsx';
import { Field, Loading, SaveMessage, Select, useLoad, useNameOf, useSave } from './ui.tsx';

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

function ProviderAdmin({ user }: { user: StaffUser }) {
  const { t } = useTranslation();
  const nameOf = useNameOf();
  const providers = useLoad(() => recordsApi.providers(), []);
  const mine = providers.state.kind === 'ready' ? providers.state.data.filter((p) => hasRole(user, 'platformAdmin') || user.roles.some((r) => r.kind === 'providerAdmin' && r.providerId === p.id)) : [];
  const [chosen, setChosen] = useState('');
  const providerId = chosen || mine[0]?.id || '';
  const services = useLoad(() => (providerId ? recordsApi.services(providerId) : Promise.resolve({ ok: true as const, data: [] })), [providerId]);
  const experts = useLoad(() => (providerId ? recordsApi.providerAccounts(providerId) : Promise.resolve({ ok: true as const, data: [] })), [providerId]);
  const [form, setForm] = useState({ code: '', nameFi: '', nameSv: '', nameEn: '', classifications: '' });
  const [expert, setExpert] = useState({ email: '', displayName: '', password: '' });
  const [cardFor, setCardFor] = useState('');
  const save = useSave();
  const saveExpert = useSave();
  const labels = { code: t('records.service.code'), nameFi: t('records.service.nameFi'), nameSv: t('records.service.nameSv'), nameEn: t('records.service.nameEn'), classifications: t('records.service.classifications') };

  async function createService(e: FormEvent) {
    e.preventDefault();
    const body = { ...form, classifications: parseClassifications(form.classifications) };
    if (await save.run(() => recordsApi.createService(providerId, body), t('records.service.created'))) {
      setForm({ code: '', nameFi: '', nameSv: '', nameEn: '', classifications: '' });
      services.reload();
    }
  }

  async function createExpert(e: FormEvent) {
    e.preventDefault();
    const body = { email: expert.email, displayName: expert.displayName, ...(expert.password ? { password: expert.password } : {}), roles: [{ kind: 'expert', providerId }] };
    if (await saveExpert.run(() => recordsApi.createAccount(body), t('records.account.created'))) {
      setExpert({ email: '', displayName: '', password: '' });
      experts.reload();
    }
  }

  const providerList = providers.state.kind === 'ready' ? providers.state.data : [];
  return (
    <>
      <Loading state={providers.state} />
      {mine.length > 1 && (
        <Select id="provider-choice" label={t('records.provider.choose')} value={providerId} onChange={setChosen}>
          {mine.map((p) => (
            <option key={p.id} value={p.id}>
              {nameOf(p)}
            </option>
          ))}
        </Select>
      )}
      {mine.length === 1 && mine[0] && <p className="lead">{nameOf(mine[0])}</p>}
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
                    <button type="button" onClick={() => setCardFor(cardFor === s.id ? '' : s.id)} aria-expanded={cardFor === s.id} aria-label={`${t('records.service.card')}: ${nameOf(s)}`}>
                      {t('records.service.card')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {services.state.kind === 'ready' &&
          services.state.data.filter((s) => s.id === cardFor).map((s) => <ServiceCardEditor key={s.id} service={s} onChange={services.reload} />)}
        <form className="form" onSubmit={(e) => void createService(e)} noValidate aria-labelledby="new-service-title">
          <h3 id="new-service-title">{t('records.service.newService')}</h3>
          <div className="grid-2">
            {(['code', 'nameFi', 'nameSv', 'nameEn'] as const).map((k) => (
              <Field key={k} id={`service-${k}`} label={labels[k]} value={form[k]} onChange={(v) => setForm((f) => ({ ...f, [k]: v }))} error={save.fieldError(k)} required />
            ))}
          </div>
          <Field id="service-classifications" label={labels.classifications} help={t('records.service.classificationsHelp')} value={form.classifications} onChange={(v) => setForm((f) => ({ ...f, classifications: v }))} multiline error={save.fieldError('classifications')} />
          <SaveMessage state={save.state} labels={labels} />
          <div>
            <button type="submit" className="primary">
              {t('admin.create')}
            </button>
          </div>
        </form>
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
                ))}
              </li>
            ))}
          </ul>
        )}
        <form className="form" onSubmit={(e) => void createExpert(e)} noValidate aria-labelledby="new-expert-title">
          <h3 id="new-expert-title">{t('records.service.newExpert')}</h3>
          <div className="grid-2">
            <Field id="expert-email" type="email" label={t('records.account.email')} value={expert.email} onChange={(v) => setExpert((x) => ({ ...x, email: v }))} error={saveExpert.fieldError('email')} required />
            <Field id="expert-name" label={t('records.account.displayName')} value={expert.displayName} onChange={(v) => setExpert((x) => ({ ...x, displayName: v }))} error={saveExpert.fieldError('displayName')} required />
            <Field id="expert-password" type="password" autoComplete="new-password" label={t('records.account.password')} help={t('records.account.passwordHelp')} value={expert.password} onChange={(v) => setExpert((x) => ({ ...x, password: v }))} error={saveExpert.fieldError('password')} />
          </div>
          <SaveMessage state={saveExpert.state} />
          <div>
            <button type="submit" className="primary">
              {t('admin.create')}
            </button>
          </div>
        </form>
      </section>
    </>
  );
}

/** The provider admin's own services, service cards and experts. */
export function ProviderAdminPage() {
  const { t } = useTranslation();
  return (
    <StaffLayout title={t('admin.myServices')} allow={(u) => hasRole(u, 'providerAdmin') || hasRole(u, 'platformAdmin')}>
      {(user) => <ProviderAdmin user={user} />}
    </StaffLayout>
  );
}
