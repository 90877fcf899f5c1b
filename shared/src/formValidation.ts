import { FIELD_MAX_LENGTH, type FieldErrorCode, type FieldValue, type FormField, type FormFieldError, type FormValues } from './forms.ts';
import { identityCodeProblem } from './personalIdentityCode.ts';

const NUMBER = /^-?\d{1,15}(?:[.,]\d{1,6})?$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function realDate(value: string): boolean {
  const m = DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/** What is wrong with one field's value, or undefined. Empty optional fields are fine. */
export function fieldProblem(field: FormField, value: FieldValue | undefined): FieldErrorCode | undefined {
  if (field.type === 'checkbox') {
    if (value !== undefined && typeof value !== 'boolean') return 'required';
    return field.required && value !== true ? 'required' : undefined;
  }
  const text = typeof value === 'string' ? value.trim() : '';
  if (text === '') return field.required ? 'required' : undefined;
  if (text.length > FIELD_MAX_LENGTH[field.type]) return 'tooLong';
  switch (field.type) {
    case 'text':
    case 'multiline':
      return undefined;
    case 'number':
      return NUMBER.test(text.replace(/\s/g, '')) ? undefined : 'notNumber';
    case 'date':
      return realDate(text) ? undefined : 'notDate';
    case 'choice':
      return field.options.some((o) => o.value === text) ? undefined : 'notChoice';
    case 'personalIdentityCode':
      return identityCodeProblem(text) ? 'identityCode' : undefined;
    default: {
      const never: never = field.type;
      return never;
    }
  }
}

/** Every problem of a filled-in form, field by field, in the template's order. */
export function validateForm(fields: readonly FormField[], values: FormValues): FormFieldError[] {
  const errors: FormFieldError[] = [];
  for (const field of fields) {
    const code = fieldProblem(field, values[field.id]);
    if (code) errors.push({ fieldId: field.id, code });
  }
  return errors;
}

/** A value as it is filed: trimmed text, a number with a decimal comma, a date as D.M.YYYY, a checkbox as yes/no. */
export function displayValue(field: FormField, value: FieldValue | undefined, lang: 'fi' | 'sv' | 'en' = 'fi'): string {
  if (field.type === 'checkbox') return value === true ? { fi: 'Kyllä', sv: 'Ja', en: 'Yes' }[lang] : { fi: 'Ei', sv: 'Nej', en: 'No' }[lang];
  const text = typeof value === 'string' ? value.trim() : '';
  if (field.type === 'date') {
    const m = DATE.exec(text);
    return m ? `${Number(m[3])}.${Number(m[2])}.${m[1]}` : text;
  }
  if (field.type === 'number') return text.replace(/\s/g, '').replace('.', ',');
  if (field.type === 'choice') {
    const option = field.options.find((o) => o.value === text);
    return option ? option.label[lang] || option.label.fi : text;
  }
  if (field.type === 'personalIdentityCode') return text.toUpperCase();
  return text;
}
