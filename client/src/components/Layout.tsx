import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageSwitcher } from './LanguageSwitcher.tsx';

export function Layout({ title, children }: { title?: string; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <div className="layout">
      <header className="site-header">
        <div className="brand">
          <span className="brand-name">{t('app.name')}</span>
          {title ? <span className="brand-context">{title}</span> : <span className="brand-context">{t('app.tagline')}</span>}
        </div>
        <LanguageSwitcher />
      </header>
      <main id="main" className="site-main">
        {children}
      </main>
    </div>
  );
}
