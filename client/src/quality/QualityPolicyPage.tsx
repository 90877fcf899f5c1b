import { useTranslation } from 'react-i18next';
import { hasRole } from '../auth/session.ts';
import { StaffLayout } from '../pages/admin/StaffLayout.tsx';
import { QualityPolicyEditor } from './QualityPolicyEditor.tsx';

/** Platform admins: the quality policy every service follows unless it has its own (set on the provider's service screen). */
export function QualityPolicyPage() {
  const { t } = useTranslation();
  return (
    <StaffLayout title={t('quality.policy.pageTitle')} allow={(u) => hasRole(u, 'platformAdmin')}>
      <p className="lead">{t('quality.policy.pageLead')}</p>
      <QualityPolicyEditor target={{ kind: 'platform' }} />
    </StaffLayout>
  );
}
