import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { PublicServicePoint } from '@kanava/shared';
import { fetchPoints } from '../api.ts';
import { Layout } from '../components/Layout.tsx';

export function HomePage() {
  const { t, i18n } = useTranslation();
  const [points, setPoints] = useState<PublicServicePoint[] | 'loading' | 'failed'>('loading');
  useEffect(() => {
    void fetchPoints().then((list) => setPoints(list ?? 'failed'));
  }, []);
  useEffect(() => {
    document.title = `${t('home.title')} – ${t('app.name')}`;
  }, [t, i18n.language]);
  return (
    <Layout>
      <h1>{t('home.title')}</h1>
      <p className="lead">{t('home.intro')}</p>
      {points === 'loading' && <p role="status">{t('point.loading')}</p>}
      {points === 'failed' && <p role="alert">{t('home.loadFailed')}</p>}
      {Array.isArray(points) &&
        (points.length === 0 ? (
          <p>{t('home.empty')}</p>
        ) : (
          <ul className="point-list">
            {points.map((p) => (
              <li key={p.id}>
                <Link to={`/p/${p.slug}`}>{i18n.language === 'sv' ? p.nameSv : p.nameFi}</Link>
                <span className="muted"> · {p.municipality}</span>
              </li>
            ))}
          </ul>
        ))}
    </Layout>
  );
}
