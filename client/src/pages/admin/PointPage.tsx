import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import type { ServicePointRecord } from '@kanava/shared';
import { hasRole } from '../../auth/session.ts';
import { ChecklistPanel } from './ChecklistPanel.tsx';
import { PointForm } from './PointForm.tsx';
import { recordsApi } from './recordsApi.ts';
import { StaffLayout } from './StaffLayout.tsx';
import { Loading, SaveMessage, StatusBadge, useLoad, useSave } from './ui.tsx';

export function kioskLinkOf(p: ServicePointRecord): string {
  return `${window.location.origin}/p/${p.slug}?k=${encodeURIComponent(p.kioskToken)}`;
}

/** A new point (its details), or an existing one: details, kiosk link, checklist, closing. */
export function PointPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const navigate = useNavigate();
  const isNew = id === undefined;
  const { state, reload } = useLoad(() => (isNew ? Promise.resolve({ ok: true as const, data: undefined }) : recordsApi.point(id)), [id]);
  const action = useSave();
  const title = isNew ? t('records.point.newPoint') : state.kind === 'ready' && state.data ? state.data.nameFi : t('records.point.registryTitle');

  return (
    <StaffLayout title={title} allow={(u) => hasRole(u, 'platformAdmin')}>
      <Loading state={state} />
      {state.kind === 'ready' && isNew && (
        <PointForm
          onSave={async (body) => {
            const r = await recordsApi.createPoint(body);
            if (r.ok) void navigate(`/admin/points/${r.data.id}`, { replace: true, state: { created: true } });
            return r;
          }}
        />
      )}
      {state.kind === 'ready' && state.data && (
        <>
          <p>
            {t('admin.status')}: <StatusBadge status={state.data.status} />
          </p>
          {state.data.status === 'live' && <p className="notice-ok">{t('records.checklist.live')}</p>}
          <section className="section" aria-labelledby="kiosk-title">
            <h2 id="kiosk-title">{t('records.point.kioskLink')}</h2>
            <p className="link-box">{kioskLinkOf(state.data)}</p>
            <p className="help">{t('records.point.kioskLinkHelp')}</p>
            <button type="button" onClick={() => void action.run(() => recordsApi.rotateKiosk(state.data?.id ?? ''), t('records.point.rotated')).then(reload)}>
              {t('records.point.rotateKiosk')}
            </button>
          </section>
          <ChecklistPanel pointId={state.data.id} onChange={reload} />
          <PointForm key={state.data.updatedAt} point={state.data} onSave={(body) => recordsApi.updatePoint(state.data?.id ?? '', body)} />
          {state.data.status !== 'closed' && (
            <section className="section">
              <button
                type="button"
                className="danger"
                onClick={() => {
                  if (window.confirm(t('records.point.closeConfirm'))) void action.run(() => recordsApi.closePoint(state.data?.id ?? ''), t('admin.saved')).then(reload);
                }}
              >
                {t('records.point.close')}
              </button>
            </section>
          )}
          <SaveMessage state={action.state} />
        </>
      )}
    </StaffLayout>
  );
}
