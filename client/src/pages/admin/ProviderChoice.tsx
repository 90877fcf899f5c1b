import { useState } from 'react';
import type { Provider, StaffUser } from '@kanava/shared';
import { hasRole } from '../../auth/session.ts';
import { recordsApi } from './recordsApi.ts';
import { Loading, Select, useLoad, useNameOf } from './ui.tsx';

/**
 * The providers a provider admin looks after (every provider for a platform admin) and the one
 * chosen on the screen: the first until the user picks another.
 */
export function useMyProviders(user: StaffUser) {
  const providers = useLoad(() => recordsApi.providers(), []);
  const all = providers.state.kind === 'ready' ? providers.state.data : [];
  const mine = all.filter((p) => hasRole(user, 'platformAdmin') || user.roles.some((r) => r.kind === 'providerAdmin' && r.providerId === p.id));
  const [chosen, setChosen] = useState('');
  const providerId = chosen || mine[0]?.id || '';
  return { state: providers.state, all, mine, providerId, choose: setChosen };
}

/** A choice of provider when there are several, the provider's name when there is one. */
export function ProviderChoice({ id, label, providers, nameAsLead = true }: { id: string; label: string; providers: ReturnType<typeof useMyProviders>; nameAsLead?: boolean }) {
  const nameOf = useNameOf();
  const { mine, providerId, choose, state } = providers;
  const only: Provider | undefined = mine.length === 1 ? mine[0] : undefined;
  return (
    <>
      <Loading state={state} />
      {mine.length > 1 && (
        <Select id={id} label={label} value={providerId} onChange={choose}>
          {mine.map((p) => (
            <option key={p.id} value={p.id}>
              {nameOf(p)}
            </option>
          ))}
        </Select>
      )}
      {only && <p className={nameAsLead ? 'lead' : undefined}>{nameOf(only)}</p>}
    </>
  );
}
