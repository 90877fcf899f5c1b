import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PointStatusSchema } from '@kanava/shared';
import { hasRole } from '../../auth/session.ts';
import { recordsApi } from './recordsApi.ts';
import { StaffLayout } from './StaffLayout.tsx';
import { Loading, StatusBadge, useLoad } from './ui.tsx';

/** The point registry: search, filter by status, open a point, create a new one. */
export function PointsPage() {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const [status, setStatus] = useState('');
  const { state } = useLoad(() => recordsApi.points(q, status), [q, status]);
  return (
    <StaffLayout title={t('records.point.registryTitle')} allow={(u) => hasRole(u, 'platformAdmin')}>
      <div className="toolbar-row">
        <div className="field">
          <label htmlFor="point-search">{t('admin.search')}</label>
          <input id="point-search" type="search" value={q} onChange={(e) => setQ(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="point-status">{t('admin.status')}</label>
          <select id="point-status" value={status} onChange={(e) => setStatus(e.target.value)}>
            <option value="">{t('admin.allStatuses')}</option>
            {PointStatusSchema.options.map((s) => (
              <option key={s} value={s}>
                {t(`records.status.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <Link className="button primary" to="/admin/points/new">
          {t('records.point.newPoint')}
        </Link>
      </div>
      <Loading state={state} />
      {state.kind === 'ready' &&
        (state.data.length === 0 ? (
          <p>{t('admin.noResults')}</p>
        ) : (
          <table className="records">
            <thead>
              <tr>
                <th scope="col">{t('records.point.nameFi')}</th>
                <th scope="col">{t('records.point.municipality')}</th>
                <th scope="col">{t('admin.status')}</th>
                <th scope="col">{t('records.point.roomLink')}</th>
              </tr>
            </thead>
            <tbody>
              {state.data.map((p) => (
                <tr key={p.id}>
                  <td>
                    <Link to={`/admin/points/${p.id}`}>{p.nameFi}</Link>
                  </td>
                  <td>{p.municipality}</td>
                  <td>
                    <StatusBadge status={p.status} />
                  </td>
                  <td>/p/{p.slug}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
    </StaffLayout>
  );
}
