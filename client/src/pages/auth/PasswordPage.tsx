import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { changePassword } from '../../auth/session.ts';
import { StaffLayout } from '../admin/StaffLayout.tsx';

/** The own password: the current one, then a new one twice. */
export function PasswordPage() {
  const { t } = useTranslation();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [again, setAgain] = useState('');
  const [status, setStatus] = useState<{ kind: 'idle' } | { kind: 'done' } | { kind: 'error'; message: string }>({ kind: 'idle' });

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (next !== again) {
      setStatus({ kind: 'error', message: t('auth.passwordsDiffer') });
      return;
    }
    const r = await changePassword(current, next);
    if (r.ok) {
      setStatus({ kind: 'done' });
      setCurrent('');
      setNext('');
      setAgain('');
      return;
    }
    const field = r.fields[0]?.path;
    setStatus({
      kind: 'error',
      message: field === 'currentPassword' ? t('auth.currentWrong') : field === 'newPassword' ? t('auth.passwordTooShort') : t('errors.generic'),
    });
  }

  return (
    <StaffLayout title={t('auth.changePassword')}>
      <form className="form narrow" onSubmit={(e) => void submit(e)} noValidate>
        <div className="field">
          <label htmlFor="pw-current">{t('auth.currentPassword')}</label>
          <input id="pw-current" type="password" autoComplete="current-password" value={current} onChange={(e) => setCurrent(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="pw-new">{t('auth.newPassword')}</label>
          <input id="pw-new" type="password" autoComplete="new-password" aria-describedby="pw-new-help" value={next} onChange={(e) => setNext(e.target.value)} />
          <p id="pw-new-help" className="help">
            {t('auth.passwordHelp')}
          </p>
        </div>
        <div className="field">
          <label htmlFor="pw-again">{t('auth.newPasswordAgain')}</label>
          <input id="pw-again" type="password" autoComplete="new-password" value={again} onChange={(e) => setAgain(e.target.value)} />
        </div>
        {status.kind === 'error' && (
          <p className="error" role="alert">
            {status.message}
          </p>
        )}
        {status.kind === 'done' && <p role="status">{t('auth.passwordChanged')}</p>}
        <button type="submit" className="primary">
          {t('auth.changePassword')}
        </button>
      </form>
    </StaffLayout>
  );
}
