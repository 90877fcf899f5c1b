import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { weekdays, type PointService, type ServiceCard, type StaffUser } from '@kanava/shared';
import { hasRole } from '../../auth/session.ts';
import { rangesToText } from './openingHoursText.ts';
import { kioskLinkOf } from './PointPage.tsx';
import { recordsApi } from './recordsApi.ts';
import { StaffLayout } from './StaffLayout.tsx';
import { Loading, StatusBadge, useLoad, useNameOf } from './ui.tsx';

function CardView({ entry }: { entry: PointService }) {
  const { t } = useTranslation();
  const [card, setCard] = useState<ServiceCard | undefined>();
  const [open, setOpen] = useState(false);
  const toggle = async () => {
    if (!open && !card) {
      const r = await recordsApi.card(entry.service.id);
      if (r.ok) setCard(r.data);
    }
    setOpen(!open);
  };
  if (entry.service.card === 'none') return <span className="muted">{t('records.point.noCard')}</span>;
  if (entry.service.card === 'pdf') {
    return (
      <a href={recordsApi.cardPdfUrl(entry.service.id)} target="_blank" rel="noreferrer">
        {t('records.point.openPdf')}
      </a>
    );
  }
  return (
    <>
      <button type="button" aria-expanded={open} onClick={() => void toggle()}>
        {open ? t('records.point.hideCard') : t('records.point.showCard')}
      </button>
      {open && card?.kind === 'text' && <p className="card-text">{card.text}</p>}
    </>
  );
}

function OnePoint({ pointId }: { pointId: string }) {
  const { t } = useTranslation();
  const nameOf = useNameOf();
  const point = useLoad(() => recordsApi.point(pointId), [pointId]);
  const services = useLoad(() => recordsApi.pointServices(pointId), [pointId]);
  if (point.state.kind !== 'ready') return <Loading state={point.state} />;
  const p = point.state.data;
  return (
    <section className="section" aria-labelledby={`point-${p.id}`}>
      <h2 id={`point-${p.id}`}>{nameOf(p)}</h2>
      <p>
        <StatusBadge status={p.status} /> · {[p.streetAddress, p.postalCode, p.postOffice].filter(Boolean).join(' ')}
      </p>
      <h3>{t('records.point.roomLink')}</h3>
      <p>
        <Link className="button primary" to={`/p/${p.slug}`}>
          {t('records.point.openRoom')}
        </Link>
      </p>
      <p>{t('records.point.kioskLink')}:</p>
      <p className="link-box">{kioskLinkOf(p)}</p>
      <h3>{t('records.point.openingHours')}</h3>
      <table className="records">
        <tbody>
          {weekdays.map((d) => (
            <tr key={d}>
              <th scope="row">{t(`records.weekday.${d}`)}</th>
              <td>{rangesToText(p.openingHours.weekly[d]) || '–'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3>{t('records.point.services')}</h3>
      <Loading state={services.state} />
      {services.state.kind === 'ready' &&
        (services.state.data.length === 0 ? (
          <p>{t('records.point.noServices')}</p>
        ) : (
          <table className="records">
            <thead>
              <tr>
                <th scope="col">{t('records.agreement.provider')}</th>
                <th scope="col">{t('records.service.title')}</th>
                <th scope="col">{t('records.point.serviceCard')}</th>
              </tr>
            </thead>
            <tbody>
              {services.state.data.map((s) => (
                <tr key={`${s.agreementId}-${s.service.id}`}>
                  <td>{nameOf(s.provider)}</td>
                  <td>{nameOf(s.service)}</td>
                  <td>
                    <CardView entry={s} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
    </section>
  );
}

/** The advisor's own point: its details, room link, services and their service cards. */
export function AdvisorPage() {
  const { t } = useTranslation();
  return (
    <StaffLayout title={t('admin.myPoint')} allow={(u) => hasRole(u, 'advisor')}>
      {(user: StaffUser) => user.roles.flatMap((r) => (r.kind === 'advisor' ? [<OnePoint key={r.pointId} pointId={r.pointId} />] : []))}
    </StaffLayout>
  );
}
