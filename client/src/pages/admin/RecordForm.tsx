import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiResult } from '../../auth/api.ts';
import { SaveMessage, useSave, type SaveState } from './ui.tsx';

/**
 * A create or edit form of the admin screens: its values, a setter per value, and the save with
 * the server's field errors. `onSubmit` saves and, once the server accepted it, runs `after`
 * (clear the form, reload the list, close the editor).
 */
export function useRecordForm<V extends Record<string, string>>(initial: V) {
  const [values, setValues] = useState<V>(initial);
  const save = useSave();
  const set = (key: keyof V) => (value: string) => setValues((v) => ({ ...v, [key]: value }));
  return {
    values,
    save,
    set,
    reset: () => setValues(initial),
    /** Value, setter and the server's error for a <Field>. */
    bind: (key: keyof V & string) => ({ value: values[key] ?? '', onChange: set(key), error: save.fieldError(key) }),
    onSubmit:
      <T,>(call: (values: V) => Promise<ApiResult<T>>, savedMessage: string, after?: (saved: T) => void) =>
      (e: FormEvent) => {
        e.preventDefault();
        void save.run(() => call(values), savedMessage).then((saved) => {
          if (saved !== undefined) after?.(saved);
        });
      },
  };
}

/** The labels of a record's fields, `<section>.<field>` in the translations (shared by its create and edit forms). */
export function useFieldLabels<K extends string>(section: 'records.provider' | 'records.service', keys: readonly K[]): Record<K, string> {
  const { t } = useTranslation();
  return Object.fromEntries(keys.map((k) => [k, t(`${section}.${k}` as never)])) as Record<K, string>;
}

interface RecordFormProps {
  /** Prefix of the heading's id; the form is labelled by its heading. */
  id: string;
  title: string;
  /** h2 for a screen's own form, h3 inside a section or under a table row. */
  level?: 2 | 3;
  onSubmit: (e: FormEvent) => void;
  state: SaveState;
  /** Field labels, so the server's field errors name the field as the screen does. */
  labels?: Record<string, string>;
  submitLabel?: string;
  /** An editor that can be closed (without saving, or after it: it stays open to show the outcome). */
  onCancel?: () => void;
  narrow?: boolean;
  /** An editor opened by a button elsewhere (e.g. in a table row): the heading takes the focus, so keyboard and screen reader users land in it. */
  focusOnOpen?: boolean;
  children: ReactNode;
}

/** Heading, fields, the outcome of the save (announced) and the buttons: the same on every admin form. */
export function RecordForm({ id, title, level = 2, onSubmit, state, labels, submitLabel, onCancel, narrow, focusOnOpen, children }: RecordFormProps) {
  const { t } = useTranslation();
  const Heading = level === 2 ? 'h2' : 'h3';
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (focusOnOpen) heading.current?.focus();
  }, [focusOnOpen]);
  return (
    <form className={narrow ? 'form narrow' : 'form'} onSubmit={onSubmit} noValidate aria-labelledby={`${id}-title`}>
      <Heading id={`${id}-title`} ref={heading} tabIndex={focusOnOpen ? -1 : undefined}>
        {title}
      </Heading>
      {children}
      <SaveMessage state={state} {...(labels ? { labels } : {})} />
      <div className="toolbar-row">
        <button type="submit" className="primary">
          {submitLabel ?? t('admin.create')}
        </button>
        {onCancel && (
          <button type="button" onClick={onCancel}>
            {state.kind === 'saved' ? t('admin.close') : t('admin.cancel')}
          </button>
        )}
      </div>
    </form>
  );
}
