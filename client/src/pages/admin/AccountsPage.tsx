import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { StaffRoleSchema, type Account, type StaffRole } from '@kanava/shared';
import type { ApiResult } from '../../auth/api.ts';
import { hasRole } from '../../auth/session.ts';
import { recordsApi } from './recordsApi.ts';
import { RoleText } from './RoleText.tsx';
import { StaffLayout } from './StaffLayout.tsx';
import { Field, Loading, SaveMessage, Select, useLoad, useNameOf, useSave } from './ui.tsx';

type Kind = StaffRole['kind'];
const kinds: Kind[] = ['advisor', 'expert', 'providerAdmin', 'platformAdmin'];

function roleOf(kind: Kind, scope: string): StaffRole | undefined {
  const parsed = StaffRoleSchema.safeParse(kind === 'platformAdmin' ? { kind } : kind === 'advisor' ? { kind, pointId: scope } : { kind, providerId: scope });
  return parsed.success ? parsed.data : undefined;
}

/** Staff accounts: create with a role, disable, unlock, set a new password (platform admins). */
export function AccountsPage() {
  const { t } = useTranslation();
  const nameOf = useNameOf();
  const accounts = useLoad(() => recordsApi.accounts(), []);
  const points = useLoad(() => recordsApi.points(), []);
  const providers = useLoad(() => recordsApi.providers(), []);
  const [form, setForm] = useState({ email: '', displayName: '', password: '', kind: 'advisor' as Kind, scope: '' });
  const [passwordFor, setPasswordFor] = useState<{ id: string; password: string } | undefined>();
  const save = useSave();
  const action = useSave();
  const labels = { email: t('records.account.email'), displayName: t('records.account.displayName'), password: t('records.account.password'), roles: t('records.account.role') };
  const pointList = points.state.kind === 'ready' ? points.state.data : [];
  const providerList = providers.state.kind === 'ready' ? providers.state.data : [];

  async function submit(e: FormEvent) {
    e.preventDefault();
    const role = roleOf(form.kind, form.scope);
    const body = { email: form.email, displayName: form.displayName, ...(form.password ? { password: form.password } : {}), roles: role ? [role] : [] };
    if (await save.run(() => recordsApi.createAccount(body), t('records.account.created'))) {
      setForm({ email: '', displayName: '', password: '', kind: form.kind, scope: '' });
      accounts.reload();
    }
  }

  const act = async <T,>(call: () => Promise<ApiResult<T>>) => {
    if (await action.run(call, t('admin.saved'))) accounts.reload();
  };

  const row = (a: Account) => (
    <tr key={a.id}>
      <td>{a.displayName}</td>
      <td>{a.email}</td>
      <td>
        <ul className="plain">
          {a.roles.map((r, i) => (
            <li key={i}>
              <RoleText role={r} providers={providerList} points={pointList} />
            </li>
          ))}
        </ul>
      </td>
      <td>{a.disabled ? t('records.account.disabled') : a.lockedUntil ? t('records.account.locked') : t('records.account.active')}</td>
      <td>
        <div className="toolbar-row">
          <button type="button" onClick={() => void act(() => recordsApi.updateAccount(a.id, { disabled: !a.disabled }))} aria-label={`${a.disabled ? t('records.account.enable') : t('records.account.disable')}: ${a.displayName}`}>
            {a.disabled ? t('records.account.enable') : t('records.account.disable')}
          </button>
          {a.lockedUntil && (
            <button type="button" onClick={() => void act(() => recordsApi.unlock(a.id))} aria-label={`${t('records.account.unlock')}: ${a.displayName}`}>
              {t('records.account.unlock')}
            </button>
          )}
          <button type="button" onClick={() => setPasswordFor({ id: a.id, password: '' })} aria-label={`${t('records.account.resetPassword')}: ${a.displayName}`}>
            {t('records.account.resetPassword')}
          </button>
        </div>
        {passwordFor?.id === a.id && (
          <form
            className="form narrow"
            onSubmit={(e) => {
              e.preventDefault();
              void act(() => recordsApi.setPassword(a.id, passwordFor.password)).then(() => setPasswordFor(undefined));
            }}
          >
            <Field id={`reset-${a.id}`} type="password" autoComplete="new-password" label={t('auth.newPassword')} help={t('auth.passwordHelp')} value={passwordFor.password} onChange={(v) => setPasswordFor({ id: a.id, password: v })} />
            <button type="submit" className="primary">
              {t('admin.save')}
            </button>
          </form>
        )}
      </td>
    </tr>
  );

  return (
    <StaffLayout title={t('records.account.title')} allow={(u) => hasRole(u, 'platformAdmin')}>
      <Loading state={accounts.state} />
      <SaveMessage state={action.state} />
      {accounts.state.kind === 'ready' && (
        <table className="records">
          <thead>
            <tr>
              <th scope="col">{t('records.account.displayName')}</th>
              <th scope="col">{t('records.account.email')}</th>
              <th scope="col">{t('records.account.roles')}</th>
              <th scope="col">{t('admin.status')}</th>
              <th scope="col">{t('admin.actions')}</th>
            </tr>
          </thead>
          <tbody>{accounts.state.data.map(row)}</tbody>
        </table>
      )}
      <form className="form" onSubmit={(e) => void submit(e)} noValidate aria-labelledby="new-account-title">
        <h2 id="new-account-title">{t('records.account.newAccount')}</h2>
        <div className="grid-2">
          <Field id="account-email" type="email" label={labels.email} value={form.email} onChange={(v) => setForm((f) => ({ ...f, email: v }))} error={save.fieldError('email')} required />
          <Field id="account-name" label={labels.displayName} value={form.displayName} onChange={(v) => setForm((f) => ({ ...f, displayName: v }))} error={save.fieldError('displayName')} required />
          <Field id="account-password" type="password" autoComplete="new-password" label={labels.password} help={t('records.account.passwordHelp')} value={form.password} onChange={(v) => setForm((f) => ({ ...f, password: v }))} error={save.fieldError('password')} />
          <Select id="account-role" label={labels.roles} value={form.kind} onChange={(v) => setForm((f) => ({ ...f, kind: kinds.find((k) => k === v) ?? 'advisor', scope: '' }))}>
            {kinds.map((k) => (
              <option key={k} value={k}>
                {t(`records.account.roleKind.${k}`)}
              </option>
            ))}
          </Select>
          {form.kind !== 'platformAdmin' && (
            <Select id="account-scope" label={t('records.account.scope')} value={form.scope} onChange={(v) => setForm((f) => ({ ...f, scope: v }))} error={save.fieldError('roles')}>
              <option value="">–</option>
              {form.kind === 'advisor'
                ? pointList
                    .filter((p) => p.status !== 'closed')
                    .map((p) => (
                      <option key={p.id} value={p.id}>
                        {p.nameFi}
                      </option>
                    ))
                : providerList.map((p) => (
                    <option key={p.id} value={p.id}>
                      {nameOf(p)}
                    </option>
                  ))}
            </Select>
          )}
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
