import { describe, expect, it } from 'vitest';
import { FormFieldSchema, FormFieldsSchema, type FormField } from './forms.ts';
import { displayValue, fieldProblem, validateForm } from './formValidation.ts';

const field = (over: Partial<FormField> & Pick<FormField, 'id' | 'type'>): FormField =>
  FormFieldSchema.parse({ label: { fi: over.id, sv: '', en: '' }, ...over });

describe('form field validation', () => {
  it('asks for required fields, but lets optional ones stay empty', () => {
    expect(fieldProblem(field({ id: 'name', type: 'text', required: true }), '   ')).toBe('required');
    expect(fieldProblem(field({ id: 'name', type: 'text' }), '')).toBeUndefined();
    expect(fieldProblem(field({ id: 'consent', type: 'checkbox', required: true }), false)).toBe('required');
    expect(fieldProblem(field({ id: 'consent', type: 'checkbox', required: true }), true)).toBeUndefined();
  });

  it('accepts numbers with a decimal comma or point, and nothing else', () => {
    const rent = field({ id: 'rent', type: 'number' });
    for (const ok of ['650', '650,50', '650.5', '-3', '1 200']) expect(fieldProblem(rent, ok), ok).toBeUndefined();
    for (const bad of ['6e2', 'kuusisataa', '650,', '1,2,3']) expect(fieldProblem(rent, bad), bad).toBe('notNumber');
  });

  it('accepts only real calendar dates', () => {
    const moved = field({ id: 'moved', type: 'date' });
    expect(fieldProblem(moved, '2024-02-29')).toBeUndefined();
    expect(fieldProblem(moved, '2025-02-29')).toBe('notDate');
    expect(fieldProblem(moved, '1.3.2025')).toBe('notDate');
  });

  it('accepts only the listed answers of a choice', () => {
    const household = field({ id: 'household', type: 'choice', options: [{ value: 'alone', label: { fi: 'Yksin', sv: '', en: '' } }, { value: 'family', label: { fi: 'Perhe', sv: '', en: '' } }] });
    expect(fieldProblem(household, 'family')).toBeUndefined();
    expect(fieldProblem(household, 'neighbours')).toBe('notChoice');
  });

  it('checks the identity code’s check character', () => {
    const hetu = field({ id: 'hetu', type: 'personalIdentityCode', required: true });
    expect(fieldProblem(hetu, '131052-308T')).toBeUndefined();
    expect(fieldProblem(hetu, '131052-308U')).toBe('identityCode');
  });

  it('refuses values longer than the field type allows', () => {
    expect(fieldProblem(field({ id: 'name', type: 'text' }), 'x'.repeat(201))).toBe('tooLong');
    expect(fieldProblem(field({ id: 'more', type: 'multiline' }), 'x'.repeat(4000))).toBeUndefined();
  });

  it('lists every problem of a form in the template’s order', () => {
    const fields = [field({ id: 'hetu', type: 'personalIdentityCode', required: true }), field({ id: 'rent', type: 'number', required: true }), field({ id: 'note', type: 'text' })];
    expect(validateForm(fields, { hetu: '131052-308U', note: 'ok' })).toEqual([
      { fieldId: 'hetu', code: 'identityCode' },
      { fieldId: 'rent', code: 'required' },
    ]);
  });

  it('refuses templates with duplicate field ids or a choice without answers', () => {
    expect(FormFieldsSchema.safeParse([field({ id: 'a', type: 'text' }), field({ id: 'a', type: 'number' })]).success).toBe(false);
    expect(FormFieldSchema.safeParse({ id: 'c', type: 'choice', label: { fi: 'C', sv: '', en: '' }, options: [] }).success).toBe(false);
  });

  it('files values in the reader’s form: dates as D.M.YYYY, numbers with a comma, checkboxes as words', () => {
    expect(displayValue(field({ id: 'moved', type: 'date' }), '2025-03-01')).toBe('1.3.2025');
    expect(displayValue(field({ id: 'rent', type: 'number' }), '650.50')).toBe('650,50');
    expect(displayValue(field({ id: 'consent', type: 'checkbox' }), true, 'sv')).toBe('Ja');
  });
});
