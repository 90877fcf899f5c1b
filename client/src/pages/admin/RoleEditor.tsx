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

/** Where a role applies: a point for an advisor, a provider for an expert or a provider admin (closed points are not offered). */
export function RoleScopeSelect(props: {
  id: string;
  kind: Exclude<RoleKind, 'platformAdmin'>;
  value: string;
  onChange: (v: string) => void;
  points: Pick<ServicePointRecord, 'id' | 'nameFi' | 'status'>[];
  providers: Provider[];
  error?: string | undefined;
}) {
  const { t } = useTranslation();
  const nameOf = useNameOf();
  const choices = props.kind === 'advisor' ? props.points.filter((p) => p.status !== 'closed').map((p) => ({ id: p.id, name: p.nameFi })) : props.providers.map((p) => ({ id: p.id, name: nameOf(p) }));
  return (
    <Select id={props.id} label={t('records.account.scope')} value={props.value} onChange={props.onChange} error={props.error}>
      <option value="">–</option>
      {choices.map((c) => (
        <option key={c.id} value={c.id}>
          {c.name}
        </option>
      ))}
    </Select>
  );
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
          <RoleScopeSelect id={`${id}-scope`} kind={kind} value={scope} onChange={setScope} points={points} providers={providers} />
        )}
        <button type="button" onClick={add} disabled={!candidate}>
          {t('records.account.addRole')}
        </button>
      </fieldset>
    </RecordForm>
  );
}
