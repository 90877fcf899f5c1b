import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Layout } from '../components/Layout.tsx';

export function NotFoundPage() {
  const { t } = useTranslation();
  useEffect(() => {
    document.title = `${t('point.notFoundTitle')} – ${t('app.name')}`;
  }, [t]);
  return (
    <Layout>
      <div className="notice" role="alert">
        <span className="notice-icon" aria-hidden="true">❓</span>
        <h1>{t('point.notFoundTitle')}</h1>
        <p>{t('point.notFoundBody')}</p>
        <Link className="button" to="/">
          {t('point.backHome')}
        </Link>
      </div>
    </Layout>
  );
}
