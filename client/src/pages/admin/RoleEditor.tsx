import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { StaffRoleSchema, type Account, type Provider, type ServicePointRecord, type StaffRole } from '@kanava/shared';
import { RecordForm } from './RecordForm.tsx';
import { recordsApi } from './recordsApi.ts';
import { useRoleText } from './RoleText.tsx';
import { Select, useNameOf, useSave } from './ui.tsx';

export type RoleKind = StaffRole['kind'];

export function roleOf(kind: RoleKind, scope: string): StaffRole | undefined {
  const parsed = StaffRoleSchema.safeParse(kind === 'platformAdmin' ? { kind } : kind === 'advisor' ? { kind, pointId: scope } : { kind, providerId: scope });
  return parsed.success ? parsed.data : undefined;
}

const sameRole = (a: StaffRole, b: StaffRole) => JSON.stringify(a) === JSON.stringify(b);

interface RoleEditorProps {
  account: Account;
  /** The roles this admin may give: every kind for a platform admin, expert and provider admin of their provider for a provider admin. */
  kinds: RoleKind[];
  providers: Provider[];
  points: Pick<ServicePointRecord, 'id' | 'nameFi' | 'status'>[];
  onSaved: () => void;
  onCancel: () => void;
}

/**
 * An account's roles: remove some, add others, then save them all at once (the server checks
 * that the admin may give each of them and that the account keeps at least one).
 */
export function RoleEditor({ account, kinds, providers, points, onSaved, onCancel }: RoleEditorProps) {
  const { t } = useTranslation();
  const nameOf = useNameOf();
  const roleText = useRoleText(providers, points);
  const [roles, setRoles] = useState<StaffRole[]>(account.roles);
  const [kind, setKind] = useState<RoleKind>(kinds[0] ?? 'expert');
  const [scope, setScope] = useState('');
  const save = useSave();
  const id = `roles-${account.id}`;
  // With one provider to choose from (a provider admin's own), it is chosen without asking.
  const onlyProvider = providers.length === 1 ? (providers[0]?.id ?? '') : '';
  const candidate = roleOf(kind, kind === 'platformAdmin' ? '' : scope || (kind === 'advisor' ? '' : onlyProvider));
  const add = () => {
    if (candidate && !roles.some((r) => sameRole(r, candidate))) setRoles([...roles, candidate]);
  };
  return (
    <RecordForm
      id={id}
      title={t('records.account.rolesTitle', { name: account.displayName })}
      level={3}
      onSubmit={(e) => {
        e.preventDefault();
        void save.run(() => recordsApi.updateAccount(account.id, { roles }), t('records.account.rolesSaved')).then((saved) => saved && onSaved());
      }}
      state={save.state}
      labels={{ roles: t('records.account.roles') }}
      submitLabel={t('records.account.saveRoles')}
      onCancel={onCancel}
      narrow
      focusOnOpen
    >
      <p className="help">{t('records.account.rolesHelp')}</p>
      {roles.length === 0 ? (
        <p>{t('records.account.noRoles')}</p>
      ) : (
        <ul className="plain" aria-label={t('records.account.roles')}>
          {roles.map((r) => (
            <li key={JSON.stringify(r)}>
              {roleText(r)}{' '}
              <button type="button" onClick={() => setRoles(roles.filter((x) => !sameRole(x, r)))} aria-label={t('records.account.removeRoleLabel', { role: roleText(r) })}>
                {t('records.account.removeRole')}
              </button>
            </li>
          ))}
        </ul>
      )}
      <fieldset>
        <legend>{t('records.account.addRole')}</legend>
        {kinds.length > 1 && (
          <Select id={`${id}-kind`} label={t('records.account.role')} value={kind} onChange={(v) => {
              setKind(kinds.find((k) => k === v) ?? kind);
              setScope('');
            }}>
            {kinds.map((k) => (
              <option key={k} value={k}>
                {t(`records.account.roleKind.${k}`)}
              </option>
            ))}
          </Select>
        )}
        {kind !== 'platformAdmin' && (kind === 'advisor' || providers.length > 1) && (
          <Select id={`${id}-scope`} label={t('records.account.scope')} value={scope} onChange={setScope}>
            <option value="">–</option>
            {kind === 'advisor'
              ? points
                  .filter((p) => p.status !== 'closed')
                  .map((p) => (
                    <option key={p.id} value={p.id}>
                      {p.nameFi}
                    </option>
                  ))
              : providers.map((p) => (
                  <option key={p.id} value={p.id}>
                    {nameOf(p)}
                  </option>
                ))}
          </Select>
        )}
        <button type="button" onClick={add} disabled={!candidate}>
          {t('records.account.addRole')}
        </button>
      </fieldset>
    </RecordForm>
  );
}
