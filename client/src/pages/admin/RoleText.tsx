import { useTranslation } from 'react-i18next';
import type { Provider, ServicePointRecord, StaffRole } from '@kanava/shared';
import { useNameOf } from './ui.tsx';

/** "Expert · Kela", "Advisor · Kuhmon asiointipiste". */
export function RoleText({ role, providers, points }: { role: StaffRole; providers: Provider[]; points: Pick<ServicePointRecord, 'id' | 'nameFi'>[] }) {
  const { t } = useTranslation();
  const nameOf = useNameOf();
  const kind = t(`records.account.roleKind.${role.kind}`);
  if (role.kind === 'platformAdmin') return <>{kind}</>;
  if (role.kind === 'advisor') return <>{`${kind} · ${points.find((p) => p.id === role.pointId)?.nameFi ?? role.pointId}`}</>;
  const p = providers.find((x) => x.id === role.providerId);
  return <>{`${kind} · ${p ? nameOf(p) : role.providerId}`}</>;
}
