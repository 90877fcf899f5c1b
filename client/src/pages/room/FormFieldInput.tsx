import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type * as Y from 'yjs';
import { FIELD_MAX_LENGTH, localized, type FieldErrorCode, type FormField } from '@kanava/shared';
import { useYChoice, useYText } from '../../forms/useYField.ts';
import type { Typist } from '../../forms/SessionForms.ts';

interface Props {
  doc: Y.Doc;
  field: FormField;
  readOnly: boolean;
  error: FieldErrorCode | undefined;
  typists: Typist[];
  onFocus: (fieldId: string | undefined) => void;
}

/** One field of a co-edited form: its label, help, error and who else is typing in it, tied together for screen readers. */
export function FormFieldInput({ doc, field, readOnly, error, typists, onFocus }: Props) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const help = localized(field.help, i18n.language);
  const others = typists.filter((x) => x.fieldId === field.id);
  const describedBy = [help ? `${id}-help` : '', error ? `${id}-error` : '', others.length ? `${id}-typing` : ''].filter(Boolean).join(' ') || undefined;
  const label = (
    <>
      {localized(field.label, i18n.language)}
      {field.required && <span className="required"> ({t('forms.required')})</span>}
    </>
  );
  const common = {
    'aria-invalid': error ? true : undefined,
    'aria-describedby': describedBy,
    'aria-required': field.required || undefined,
    onFocus: () => onFocus(field.id),
    onBlur: () => onFocus(undefined),
  } as const;

  return (
    <div className={others.length ? 'form-field others-typing' : 'form-field'} data-invalid={error ? 'true' : undefined} data-field={field.id}>
      {field.type === 'checkbox' ? (
        <CheckboxField doc={doc} field={field} id={id} label={label} readOnly={readOnly} common={common} />
      ) : field.type === 'choice' ? (
        <ChoiceField doc={doc} field={field} id={id} label={label} readOnly={readOnly} common={common} />
      ) : (
        <TextField doc={doc} field={field} id={id} label={label} readOnly={readOnly} common={common} />
      )}
      {help && (
        <p id={`${id}-help`} className="help">
          {help}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="field-error">
          {t(`forms.error.${error}`)}
        </p>
      )}
      {others.length > 0 && (
        <p id={`${id}-typing`} className="typing">
          <span aria-hidden="true">✎ </span>
          {others.map((o) => t('forms.typing', { name: o.name })).join(', ')}
        </p>
      )}
    </div>
  );
}

interface InputProps {
  doc: Y.Doc;
  field: FormField;
  id: string;
  label: React.ReactNode;
  readOnly: boolean;
  common: Record<string, unknown>;
}

function TextField({ doc, field, id, label, readOnly, common }: InputProps) {
  const { value, change, ref, remember } = useYText(doc, field.id);
  const props = {
    ...common,
    id,
    value,
    readOnly,
    maxLength: FIELD_MAX_LENGTH[field.type],
    onSelect: remember,
    onKeyUp: remember,
    onClick: remember,
  };
  return (
    <>
      <label htmlFor={id}>{label}</label>
      {field.type === 'multiline' ? (
        <textarea {...props} ref={(el) => void (ref.current = el)} onChange={(e) => change(e.target.value)} />
      ) : (
        <input
          {...props}
          ref={(el) => void (ref.current = el)}
          type={field.type === 'date' ? 'date' : 'text'}
          inputMode={field.type === 'number' ? 'decimal' : undefined}
          autoComplete="off"
          spellCheck={field.type === 'text'}
          onChange={(e) => change(e.target.value)}
        />
      )}
    </>
  );
}

function CheckboxField({ doc, field, id, label, readOnly, common }: InputProps) {
  const { value, change } = useYChoice(doc, field.id);
  return (
    <div className="checkbox-row">
      <input {...common} id={id} type="checkbox" checked={value === true} disabled={readOnly} onChange={(e) => change(e.target.checked)} />
      <label htmlFor={id}>{label}</label>
    </div>
  );
}

function ChoiceField({ doc, field, id, label, readOnly, common }: InputProps) {
  const { i18n } = useTranslation();
  const { value, change } = useYChoice(doc, field.id);
  return (
    <fieldset aria-describedby={common['aria-describedby'] as string | undefined} aria-invalid={common['aria-invalid'] as boolean | undefined}>
      <legend>{label}</legend>
      {field.options.map((o) => (
        <label key={o.value} className="radio-row">
          <input
            type="radio"
            name={id}
            value={o.value}
            checked={value === o.value}
            disabled={readOnly}
            onChange={() => change(o.value)}
            onFocus={common['onFocus'] as () => void}
            onBlur={common['onBlur'] as () => void}
          />
          {localized(o.label, i18n.language)}
        </label>
      ))}
    </fieldset>
  );
}
