import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { FORM_FIELD_TYPES, type FormField, type FormFieldType, type FormTemplate } from '@kanava/shared';
import { Field, SaveMessage, Select, useSave } from '../admin/ui.tsx';
import { formTemplatesApi } from './formTemplatesApi.ts';

type Draft = { id: string; type: FormFieldType; required: boolean; label: [string, string, string]; help: [string, string, string]; options: string; pdfField: string };
const LANGS = ['fi', 'sv', 'en'] as const;

const toDraft = (f: FormField): Draft => ({
  id: f.id,
  type: f.type,
  required: f.required,
  label: [f.label.fi, f.label.sv, f.label.en],
  help: [f.help.fi, f.help.sv, f.help.en],
  options: f.options.map((o) => [o.value, o.label.fi, o.label.sv, o.label.en].join('; ')).join('\n'),
  pdfField: f.pdfField ?? '',
});
const emptyDraft = (): Draft => ({ id: '', type: 'text', required: false, label: ['', '', ''], help: ['', '', ''], options: '', pdfField: '' });

/** "value; fi; sv; en" per line → the options of a choice. */
const parseOptions = (text: string) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => {
      const [value = '', fi = '', sv = '', en = ''] = l.split(';').map((s) => s.trim());
      return { value, label: { fi, sv, en } };
    });

/** Creates or edits one form template: its name, its fields in order, and the mapping to the provider's PDF. */
export function FormTemplateEditor({ serviceId, template, onSaved }: { serviceId: string; template: FormTemplate | undefined; onSaved: () => void }) {
  const { t } = useTranslation();
  const save = useSave();
  const pdfSave = useSave();
  const [name, setName] = useState<[string, string, string]>(template ? [template.name.fi, template.name.sv, template.name.en] : ['', '', '']);
  const [fields, setFields] = useState<Draft[]>(template ? template.fields.map(toDraft) : [emptyDraft()]);
  const prefix = template?.id ?? 'new';
  const set = (i: number, patch: Partial<Draft>) => setFields((all) => all.map((f, j) => (j === i ? { ...f, ...patch } : f)));

  async function submit(e: FormEvent) {
    e.preventDefault();
    const body = {
      name: { fi: name[0], sv: name[1], en: name[2] },
      fields: fields.map((f) => ({
        id: f.id,
        type: f.type,
        required: f.required,
        label: { fi: f.label[0], sv: f.label[1], en: f.label[2] },
        help: { fi: f.help[0], sv: f.help[1], en: f.help[2] },
        options: f.type === 'choice' ? parseOptions(f.options) : [],
        pdfField: f.pdfField || null,
      })),
    };
    const saved = await save.run(() => (template ? formTemplatesApi.update(template.id, body) : formTemplatesApi.create(serviceId, body)), t('formAdmin.saved'));
    if (saved) onSaved();
  }

  return (
    <form className="form" onSubmit={(e) => void submit(e)} noValidate aria-label={template ? `${t('formAdmin.edit')}: ${template.name.fi}` : t('formAdmin.newTemplate')}>
      <div className="grid-2">
        {LANGS.map((l, i) => (
          <Field key={l} id={`${prefix}-name-${l}`} label={t('formAdmin.name', { lang: l })} value={name[i] ?? ''} onChange={(v) => setName((n) => n.map((x, j) => (j === i ? v : x)) as [string, string, string])} required={l === 'fi'} error={save.fieldError(`name.${l}`)} />
        ))}
      </div>
      <h3>{t('formAdmin.fields')}</h3>
      <ol className="template-fields">
        {fields.map((f, i) => (
          <li key={i}>
            <fieldset>
              <legend>{t('formAdmin.field', { n: i + 1 })}</legend>
              <div className="grid-2">
                <Field id={`${prefix}-f${i}-id`} label={t('formAdmin.fieldId')} help={t('formAdmin.fieldIdHelp')} value={f.id} onChange={(v) => set(i, { id: v })} required error={save.fieldError(`fields.${i}.id`)} />
                <Select id={`${prefix}-f${i}-type`} label={t('formAdmin.type')} value={f.type} onChange={(v) => set(i, { type: FORM_FIELD_TYPES.find((x) => x === v) ?? 'text' })}>
                  {FORM_FIELD_TYPES.map((type) => (
                    <option key={type} value={type}>
                      {t(`formAdmin.types.${type}`)}
                    </option>
                  ))}
                </Select>
                {LANGS.map((l, k) => (
                  <Field key={`label-${l}`} id={`${prefix}-f${i}-label-${l}`} label={t('formAdmin.label', { lang: l })} value={f.label[k] ?? ''} onChange={(v) => set(i, { label: f.label.map((x, j) => (j === k ? v : x)) as [string, string, string] })} required={l === 'fi'} error={save.fieldError(`fields.${i}.label.${l}`)} />
                ))}
                {LANGS.map((l, k) => (
                  <Field key={`help-${l}`} id={`${prefix}-f${i}-help-${l}`} label={t('formAdmin.help', { lang: l })} value={f.help[k] ?? ''} onChange={(v) => set(i, { help: f.help.map((x, j) => (j === k ? v : x)) as [string, string, string] })} />
                ))}
                {template?.pdfForm && (
                  <Select id={`${prefix}-f${i}-pdf`} label={t('formAdmin.pdfField')} value={f.pdfField} onChange={(v) => set(i, { pdfField: v })} error={save.fieldError(`fields.${i}.pdfField`)}>
                    <option value="">{t('formAdmin.noPdfField')}</option>
                    {template.pdfForm.fieldNames.map((n) => (
                      <option key={n} value={n}>
                        {n}
                      </option>
                    ))}
                  </Select>
                )}
              </div>
              {f.type === 'choice' && <Field id={`${prefix}-f${i}-options`} label={t('formAdmin.options')} value={f.options} onChange={(v) => set(i, { options: v })} multiline error={save.fieldError(`fields.${i}.options`)} />}
              <div className="checkbox-row">
                <input id={`${prefix}-f${i}-required`} type="checkbox" checked={f.required} onChange={(e) => set(i, { required: e.target.checked })} />
                <label htmlFor={`${prefix}-f${i}-required`}>{t('formAdmin.requiredField')}</label>
              </div>
              <div className="button-row">
                {i > 0 && (
                  <button type="button" onClick={() => setFields((all) => [...all.slice(0, i - 1), f, all[i - 1] ?? f, ...all.slice(i + 1)])}>
                    {t('formAdmin.moveUp', { n: i + 1 })}
                  </button>
                )}
                <button type="button" onClick={() => setFields((all) => all.filter((_, j) => j !== i))} disabled={fields.length === 1}>
                  {t('formAdmin.removeField', { n: i + 1 })}
                </button>
              </div>
            </fieldset>
          </li>
        ))}
      </ol>
      <p>
        <button type="button" onClick={() => setFields((all) => [...all, emptyDraft()])}>
          {t('formAdmin.addField')}
        </button>
      </p>
      <SaveMessage state={save.state} />
      <p>
        <button type="submit" className="primary">
          {t('formAdmin.save')}
        </button>
      </p>
      {template && (
        <section aria-labelledby={`${prefix}-pdf-title`}>
          <h3 id={`${prefix}-pdf-title`}>{t('formAdmin.pdf')}</h3>
          <p className="help">{t('formAdmin.pdfHelp')}</p>
          <p>{template.pdfForm ? t('formAdmin.pdfFields', { file: template.pdfForm.fileName, count: template.pdfForm.fieldNames.length }) : t('formAdmin.pdfNone')}</p>
          <label htmlFor={`${prefix}-pdf-file`}>{t('formAdmin.uploadPdf')}</label>{' '}
          <input
            id={`${prefix}-pdf-file`}
            type="file"
            accept="application/pdf,.pdf"
            onChange={(e) => {
              const file = e.target.files?.[0];
              if (file) void pdfSave.run(() => formTemplatesApi.uploadPdf(template.id, file), t('formAdmin.saved')).then((ok) => ok && onSaved());
            }}
          />
          {template.pdfForm && (
            <button type="button" onClick={() => void pdfSave.run(() => formTemplatesApi.removePdf(template.id), t('formAdmin.saved')).then((ok) => ok && onSaved())}>
              {t('formAdmin.removePdf')}
            </button>
          )}
          <SaveMessage state={pdfSave.state} />
        </section>
      )}
    </form>
  );
}
