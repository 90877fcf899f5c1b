import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Account } from '@kanava/shared';
import type { ApiResult } from '../../auth/api.ts';
import { hasRole } from '../../auth/session.ts';
import { RecordForm, useRecordForm } from './RecordForm.tsx';
import { recordsApi } from './recordsApi.ts';
import { RoleEditor, RoleScopeSelect, roleOf, type RoleKind } from './RoleEditor.tsx';
import { RoleText } from './RoleText.tsx';
import { StaffLayout } from './StaffLayout.tsx';
import { Field, Loading, SaveMessage, Select, useLoad, useSave } from './ui.tsx';

const kinds: RoleKind[] = ['advisor', 'expert', 'providerAdmin', 'platformAdmin'];
const emptyAccount = { email: '', displayName: '', password: '', kind: 'advisor', scope: '' };

/** Staff accounts: create with a role, change roles, disable, unlock, set a new password (platform admins). */
export function AccountsPage() {
  const { t } = useTranslation();
  const accounts = useLoad(() => recordsApi.accounts(), []);
  const points = useLoad(() => recordsApi.points(), []);
  const providers = useLoad(() => recordsApi.providers(), []);
  const form = useRecordForm(emptyAccount);
  const [passwordFor, setPasswordFor] = useState<{ id: string; password: string } | undefined>();
  const [rolesOf, setRolesOf] = useState('');
  const action = useSave();
  const labels = { email: t('records.account.email'), displayName: t('records.account.displayName'), password: t('records.account.password'), roles: t('records.account.role') };
  const pointList = points.state.kind === 'ready' ? points.state.data : [];
  const providerList = providers.state.kind === 'ready' ? providers.state.data : [];
  const kind = kinds.find((k) => k === form.values.kind) ?? 'advisor';

  const submit = form.onSubmit(
    (v) => {
      const role = roleOf(kind, v.scope);
      return recordsApi.createAccount({ email: v.email, displayName: v.displayName, ...(v.password ? { password: v.password } : {}), roles: role ? [role] : [] });
    },
    t('records.account.created'),
    () => {
      form.reset();
      form.set('kind')(kind);
      accounts.reload();
    },
  );

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
          <button type="button" onClick={() => setRolesOf(rolesOf === a.id ? '' : a.id)} aria-expanded={rolesOf === a.id} aria-label={`${t('records.account.editRoles')}: ${a.displayName}`}>
            {t('records.account.editRoles')}
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
      {accounts.state.kind === 'ready' &&
        accounts.state.data
          .filter((a) => a.id === rolesOf)
          .map((a) => (
            <RoleEditor key={a.id} account={a} kinds={kinds} providers={providerList} points={pointList} onSaved={accounts.reload} onCancel={() => setRolesOf('')} />
          ))}
      <RecordForm id="new-account" title={t('records.account.newAccount')} onSubmit={submit} state={form.save.state} labels={labels}>
        <div className="grid-2">
          <Field id="account-email" type="email" label={labels.email} {...form.bind('email')} required />
          <Field id="account-name" label={labels.displayName} {...form.bind('displayName')} required />
          <Field id="account-password" type="password" autoComplete="new-password" label={labels.password} help={t('records.account.passwordHelp')} {...form.bind('password')} />
          <Select
            id="account-role"
            label={labels.roles}
            value={kind}
            onChange={(v) => {
              form.set('kind')(v);
              form.set('scope')('');
            }}
          >
            {kinds.map((k) => (
              <option key={k} value={k}>
                {t(`records.account.roleKind.${k}`)}
              </option>
            ))}
          </Select>
          {kind !== 'platformAdmin' && (
            <RoleScopeSelect id="account-scope" kind={kind} value={form.values.scope} onChange={form.set('scope')} points={pointList} providers={providerList} error={form.save.fieldError('roles')} />
          )}
        </div>
      </RecordForm>
    </StaffLayout>
  );
}
