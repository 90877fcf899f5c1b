import { useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink, Navigate, useLocation, useNavigate } from 'react-router';
import type { StaffUser } from '@kanava/shared';
import { hasRole, signOut, useSession } from '../../auth/session.ts';
import { LanguageSwitcher } from '../../components/LanguageSwitcher.tsx';
import './admin.css';

interface Props {
  title: string;
  /** Who may see the page; others get a plain "no access" (the server refuses them anyway). */
  allow?: (u: StaffUser) => boolean;
  children: ReactNode | ((user: StaffUser) => ReactNode);
}

/** The frame of every staff screen: sign-in required, navigation by role, sign-out. */
export function StaffLayout({ title, allow, children }: Props) {
  const { t, i18n } = useTranslation();
  const { session } = useSession();
  const location = useLocation();
  const navigate = useNavigate();

  useEffect(() => {
    document.title = `${title} – ${t('app.name')}`;
  }, [title, t, i18n.language]);

  if (session.kind === 'loading') return <p role="status">{t('admin.loading')}</p>;
  if (session.kind === 'signedOut') {
    return <Navigate to={`/sign-in?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  }
  const user = session.user;
  const links: { to: string; label: string }[] = [];
  if (hasRole(user, 'platformAdmin')) {
    links.push(
      { to: '/admin/points', label: t('admin.points') },
      { to: '/admin/providers', label: t('admin.providers') },
      { to: '/admin/agreements', label: t('admin.agreements') },
      { to: '/admin/accounts', label: t('admin.accounts') },
      { to: '/admin/audit', label: t('admin.audit') },
      { to: '/admin/quality', label: t('quality.policy.nav') },
    );
  }
  if (hasRole(user, 'providerAdmin')) links.push({ to: '/provider', label: t('admin.myServices') }, { to: '/provider/booking', label: t('booking.nav.times') });
  if (hasRole(user, 'advisor')) links.push({ to: '/advisor', label: t('admin.myPoint') }, { to: '/advisor/day', label: t('booking.nav.day') }, { to: '/advisor/book', label: t('booking.nav.book') });
  if (hasRole(user, 'expert')) links.push({ to: '/agenda', label: t('booking.nav.agenda') });
  if (hasRole(user, 'platformAdmin') || hasRole(user, 'providerAdmin')) links.push({ to: '/reports', label: t('reports.nav') }, { to: '/reports/pilot', label: t('reports.pilotNav') });
  if (hasRole(user, 'expert') || hasRole(user, 'advisor')) links.push({ to: '/staff', label: t('admin.rooms') });

  async function doSignOut() {
    await signOut();
    void navigate('/sign-in', { replace: true });
  }

  return (
    <div className="layout">
      <header className="site-header">
        <div className="brand">
          <Link to="/" className="brand-name">
            {t('app.name')}
          </Link>
          <span className="brand-context">{t('auth.signedInAs', { name: user.displayName })}</span>
        </div>
        <div className="staff-tools">
          <Link to="/account/password" className="header-link">
            {t('auth.changePassword')}
          </Link>
          <button type="button" className="header-button" onClick={() => void doSignOut()}>
            {t('auth.signOut')}
          </button>
          <LanguageSwitcher />
        </div>
      </header>
      {links.length > 0 && (
        <nav className="staff-nav" aria-label={t('admin.nav')}>
          <ul>
            {links.map((l) => (
              <li key={l.to}>
                <NavLink to={l.to} end>
                  {l.label}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
      )}
      <main id="main" className="site-main">
        <h1>{title}</h1>
        {allow && !allow(user) ? <p role="alert">{t('auth.notAllowed')}</p> : typeof children === 'function' ? children(user) : children}
      </main>
    </div>
  );
}
