import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldError, PointStatus } from '@kanava/shared';
import type { ApiResult } from '../../auth/api.ts';

/** Loads data for a screen; `reload` after a change. */
export function useLoad<T>(load: () => Promise<ApiResult<T>>, deps: readonly unknown[]) {
  const [state, setState] = useState<{ kind: 'loading' } | { kind: 'failed' } | { kind: 'ready'; data: T }>({ kind: 'loading' });
  const [version, setVersion] = useState(0);
  useEffect(() => {
    let cancelled = false;
    void load().then((r) => {
      if (!cancelled) setState(r.ok ? { kind: 'ready', data: r.data } : { kind: 'failed' });
    });
    return () => {
      cancelled = true;
    };
  }, [...deps, version]);
  const reload = useCallback(() => setVersion((v) => v + 1), []);
  return { state, reload };
}

export function Loading({ state }: { state: { kind: string } }) {
  const { t } = useTranslation();
  if (state.kind === 'loading') return <p role="status">{t('admin.loading')}</p>;
  if (state.kind === 'failed') return <p role="alert" className="error">{t('admin.loadFailed')}</p>;
  return null;
}

/** The outcome of a save: the fields the server named, or a general message. */
export type SaveState = { kind: 'idle' } | { kind: 'saved'; message: string } | { kind: 'failed'; message: string; fields: FieldError[] };

export function useSave() {
  const { t } = useTranslation();
  const [state, setState] = useState<SaveState>({ kind: 'idle' });
  const run = useCallback(
    async <T,>(call: () => Promise<ApiResult<T>>, savedMessage: string): Promise<T | undefined> => {
      const r = await call();
      if (r.ok) {
        setState({ kind: 'saved', message: savedMessage });
        return r.data;
      }
      const message = r.status === 409 ? t('admin.conflict', { message: r.message }) : r.status === 400 && r.fields.length > 0 ? '' : r.message || t('errors.generic');
      setState({ kind: 'failed', message, fields: r.fields });
      return undefined;
    },
    [t],
  );
  const fieldError = (path: string) => (state.kind === 'failed' ? state.fields.find((f) => f.path === path || f.path.startsWith(`${path}.`))?.message : undefined);
  return { state, run, fieldError, reset: () => setState({ kind: 'idle' }) };
}

/** Announces the result of a save to everyone, screen readers included. */
export function SaveMessage({ state, labels }: { state: SaveState; labels?: Record<string, string> }) {
  const { t } = useTranslation();
  if (state.kind === 'saved') return <p role="status" className="notice-ok">{state.message}</p>;
  if (state.kind === 'failed') {
    return (
      <div role="alert" className="error">
        {state.message && <p>{state.message}</p>}
        {state.fields.length > 0 && (
          <ul>
            {state.fields.map((f) => (
              <li key={f.path}>{t('admin.fieldError', { field: labels?.[f.path.split('.')[0] ?? ''] ?? f.path, message: f.message })}</li>
            ))}
          </ul>
        )}
      </div>
    );
  }
  return null;
}

interface FieldProps {
  id: string;
  label: string;
  value: string;
  onChange: (v: string) => void;
  error?: string | undefined;
  help?: string;
  type?: string;
  required?: boolean;
  multiline?: boolean;
  autoComplete?: string;
}

/** A labelled input whose error and help are tied to it for screen readers. */
export function Field({ id, label, value, onChange, error, help, type = 'text', required, multiline, autoComplete }: FieldProps) {
  const describedBy = [help ? `${id}-help` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  const common = { id, value, required, 'aria-invalid': error ? true : undefined, 'aria-describedby': describedBy } as const;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {multiline ? (
        <textarea {...common} onChange={(e) => onChange(e.target.value)} />
      ) : (
        <input {...common} type={type} autoComplete={autoComplete} onChange={(e) => onChange(e.target.value)} />
      )}
      {help && (
        <p id={`${id}-help`} className="help">
          {help}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      )}
    </div>
  );
}

export function Select({ id, label, value, onChange, children, error }: { id: string; label: string; value: string; onChange: (v: string) => void; children: ReactNode; error?: string | undefined }) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)} aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined}>
        {children}
      </select>
      {error && (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      )}
    </div>
  );
}

export function StatusBadge({ status }: { status: PointStatus }) {
  const { t } = useTranslation();
  return <span className={`status-badge status-${status}`}>{t(`records.status.${status}`)}</span>;
}

/** A record's name in the current language (Finnish when there is no name in it). */
export function useNameOf() {
  const { i18n } = useTranslation();
  return (r: { nameFi: string; nameSv: string; nameEn?: string }) =>
    i18n.language === 'sv' ? r.nameSv || r.nameFi : i18n.language === 'en' ? r.nameEn || r.nameFi : r.nameFi;
}

/** An instant shown as Helsinki local time. */
export function useFormatTime() {
  const { i18n } = useTranslation();
  return (iso: string) =>
    new Intl.DateTimeFormat(i18n.language === 'en' ? 'en-GB' : `${i18n.language}-FI`, { dateStyle: 'short', timeStyle: 'short', timeZone: 'Europe/Helsinki' }).format(new Date(iso));
}
