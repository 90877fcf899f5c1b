import { useTranslation } from 'react-i18next';
import type { Provider, ServicePointRecord, StaffRole } from '@kanava/shared';
import { useNameOf } from './ui.tsx';

type PointNames = Pick<ServicePointRecord, 'id' | 'nameFi'>[];

/** "Expert · Kela", "Advisor · Kuhmon asiointipiste", as text (also for button labels). */
export function useRoleText(providers: Provider[], points: PointNames) {
  const { t } = useTranslation();
  const nameOf = useNameOf();
  return (role: StaffRole): string => {
    const kind = t(`records.account.roleKind.${role.kind}`);
    if (role.kind === 'platformAdmin') return kind;
    if (role.kind === 'advisor') return `${kind} · ${points.find((p) => p.id === role.pointId)?.nameFi ?? role.pointId}`;
    const p = providers.find((x) => x.id === role.providerId);
    return `${kind} · ${p ? nameOf(p) : role.providerId}`;
  };
}

export function RoleText({ role, providers, points }: { role: StaffRole; providers: Provider[]; points: PointNames }) {
  return <>{useRoleText(providers, points)(role)}</>;
}
