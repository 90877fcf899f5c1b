import { useEffect, useId, useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { localized, type FormInstanceView, type FormTemplateChoice } from '@kanava/shared';
import type { SessionForms } from '../../forms/SessionForms.ts';
import { FormFieldInput } from './FormFieldInput.tsx';
import { FormReceipt } from './FormReceipt.tsx';
import '../../documents/material.css';

interface Props {
  forms: SessionForms;
  isStaff: boolean;
  open: boolean;
}

/** The session's forms: staff open one; customer and staff fill it in together; staff submit; everyone sees the receipt. */
export function FormPanel({ forms, isStaff, open }: Props) {
  const { t, i18n } = useTranslation();
  const snap = useSyncExternalStore(forms.subscribe, forms.getSnapshot);
  const [templates, setTemplates] = useState<FormTemplateChoice[] | undefined>();
  const [chosen, setChosen] = useState('');
  const [failed, setFailed] = useState(false);
  const selectId = useId();

  useEffect(() => {
    if (!open || !isStaff) return;
    void forms.templates().then(setTemplates, () => setTemplates([]));
  }, [open, isStaff, forms]);

  async function openForm() {
    const template = templates?.find((x) => x.templateId === chosen);
    if (!template) return;
    setFailed(false);
    await forms.open(template.templateId).catch(() => setFailed(true));
  }

  return (
    <section className={isStaff ? 'material-panel' : 'material-panel customer'} aria-labelledby="forms-title">
      <h2 id="forms-title">{t('forms.title')}</h2>
      {open && isStaff && templates && templates.length > 0 && (
        <div className="field inline">
          <label htmlFor={selectId}>{t('forms.choose')}</label>
          <select id={selectId} value={chosen} onChange={(e) => setChosen(e.target.value)}>
            <option value="">–</option>
            {templates.map((x) => (
              <option key={x.templateId} value={x.templateId}>
                {localized(x.name, i18n.language)} ({localized(x.serviceName, i18n.language)})
              </option>
            ))}
          </select>
          <button type="button" onClick={() => void openForm()} disabled={!chosen}>
            {t('forms.open')}
          </button>
        </div>
      )}
      {open && isStaff && templates?.length === 0 && <p className="muted">{t('forms.noTemplates')}</p>}
      {failed && <p role="alert" className="error">{t('errors.generic')}</p>}
      <div role="alert">{snap.refused && <p className="error">{t(`forms.refused.${snap.refused}`)}</p>}</div>
      {open && snap.forms.length === 0 && <p className="muted">{t('forms.none')}</p>}
      {open && snap.forms.map((f) => <OneForm key={f.formId} form={f} forms={forms} isStaff={isStaff} />)}
    </section>
  );
}

function OneForm({ form, forms, isStaff }: { form: FormInstanceView; forms: SessionForms; isStaff: boolean }) {
  const { t, i18n } = useTranslation();
  const snap = useSyncExternalStore(forms.subscribe, forms.getSnapshot);
  const [submitting, setSubmitting] = useState(false);
  const [failed, setFailed] = useState(false);
  const doc = forms.docOf(form.formId);
  const errors = snap.errors[form.formId] ?? [];
  const submitted = form.state === 'submitted';
  const titleId = `form-${form.formId}`;

  async function submit() {
    setSubmitting(true);
    setFailed(false);
    forms.clearRefusal();
    try {
      const outcome = await forms.submit(form.formId);
      if (outcome === 'invalid') {
        // Takes the keyboard to the first field to fix.
        document.querySelector<HTMLElement>(`[data-form="${form.formId}"] [aria-invalid="true"], [data-form="${form.formId}"] fieldset[aria-invalid="true"] input`)?.focus();
      }
    } catch {
      setFailed(true);
    } finally {
      setSubmitting(false);
    }
  }

  if (!doc) return null;
  return (
    <form
      className="filled-form"
      aria-labelledby={titleId}
      data-form={form.formId}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        if (isStaff && !submitted) void submit();
      }}
    >
      <h3 id={titleId}>
        {localized(form.name, i18n.language)} <span className="muted">– {localized(form.serviceName, i18n.language)}</span>
      </h3>
      {submitted && <p className="muted">{t('forms.submittedNote')}</p>}
      {form.receipt && <FormReceipt receipt={form.receipt} showMatter={isStaff} />}
      <div role="status" aria-live="polite">
        {form.receipt ? t('forms.receipt.announce', { number: form.receipt.receiptNumber }) : ''}
      </div>
      <div className="form-fields">
        {form.fields.map((field) => (
          <FormFieldInput
            key={field.id}
            doc={doc}
            field={field}
            readOnly={submitted}
            error={errors.find((e) => e.fieldId === field.id)?.code}
            typists={snap.typists[form.formId] ?? []}
            onFocus={(fieldId) => forms.focus(form.formId, fieldId)}
          />
        ))}
      </div>
      <div role="alert">{errors.length > 0 && <p className="error">{t('forms.invalid', { count: errors.length })}</p>}</div>
      {failed && <p role="alert" className="error">{t('forms.submitFailed')}</p>}
      {isStaff && !submitted && (
        <p>
          <button type="submit" className="primary" disabled={submitting}>
            {submitting ? t('forms.submitting') : t('forms.submit')}
          </button>
        </p>
      )}
    </form>
  );
}
