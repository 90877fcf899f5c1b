import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import type { SignInOptions } from '@kanava/shared';
import { homeOf, signIn, signInOptions } from '../../auth/session.ts';
import { Layout } from '../../components/Layout.tsx';
import '../admin/admin.css';

/** Only paths of this site: an open redirect would let a phishing link sign people in elsewhere. */
function safeNext(next: string | null): string | undefined {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : undefined;
}

export function SignInPage() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const [search] = useSearchParams();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>(() => {
    const e = search.get('error');
    return e === 'noAccount' ? t('auth.oidcNoAccount') : e ? t('auth.oidcFailed') : undefined;
  });
  const [options, setOptions] = useState<SignInOptions>({ oidc: null });

  useEffect(() => {
    document.title = `${t('auth.title')} – ${t('app.name')}`;
  }, [t, i18n.language]);
  useEffect(() => {
    void signInOptions().then((r) => r.ok && setOptions(r.data));
  }, []);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    const r = await signIn(email, password);
    setBusy(false);
    if (r.ok) {
      void navigate(safeNext(search.get('next')) ?? homeOf(r.data), { replace: true });
      return;
    }
    setError(r.status === 401 ? t('auth.wrongCredentials') : r.status === 429 ? t('auth.locked') : r.status === 400 ? t('auth.checkFields') : t('errors.generic'));
  }

  return (
    <Layout title={t('auth.staffTitle')}>
      <section className="auth-card" aria-labelledby="sign-in-title">
        <h1 id="sign-in-title">{t('auth.title')}</h1>
        <p>{t('auth.intro')}</p>
        <form className="form" onSubmit={(e) => void submit(e)} noValidate>
          <div className="field">
            <label htmlFor="sign-in-email">{t('auth.email')}</label>
            <input id="sign-in-email" type="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor="sign-in-password">{t('auth.password')}</label>
            <input id="sign-in-password" type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
          </div>
          {error && (
            <p className="error" role="alert">
              {error}
            </p>
          )}
          <button type="submit" className="primary" disabled={busy}>
            {busy ? t('auth.signingIn') : t('auth.signIn')}
          </button>
        </form>
        {options.oidc && (
          <p className="oidc">
            <a className="button" href="/api/auth/oidc/start">
              {t('auth.oidcSignIn', { label: options.oidc.label })}
            </a>
          </p>
        )}
      </section>
    </Layout>
  );
}
