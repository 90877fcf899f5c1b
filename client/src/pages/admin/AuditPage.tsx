import { useTranslation } from 'react-i18next';
import { hasRole } from '../../auth/session.ts';
import { recordsApi } from './recordsApi.ts';
import { StaffLayout } from './StaffLayout.tsx';
import { Loading, useFormatTime, useLoad } from './ui.tsx';

/** Who changed what and when, newest first. */
export function AuditPage() {
  const { t } = useTranslation();
  const formatTime = useFormatTime();
  const { state } = useLoad(() => recordsApi.audit(), []);
  return (
    <StaffLayout title={t('admin.audit')} allow={(u) => hasRole(u, 'platformAdmin')}>
      <Loading state={state} />
      {state.kind === 'ready' && (
        <table className="records">
          <thead>
            <tr>
              <th scope="col">{t('records.audit.when')}</th>
              <th scope="col">{t('records.audit.who')}</th>
              <th scope="col">{t('records.audit.what')}</th>
              <th scope="col">{t('records.audit.target')}</th>
            </tr>
          </thead>
          <tbody>
            {state.data.map((e) => (
              <tr key={e.id}>
                <td>{formatTime(e.at)}</td>
                <td>{e.actor?.displayName ?? 'Kanava'}</td>
                <td>{e.action}</td>
                <td>
                  {e.entity} {e.entityId.slice(0, 8)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </StaffLayout>
  );
}
