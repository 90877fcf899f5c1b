import { describe, expect, it } from 'vitest';
import { formTransition, mayEdit } from './formLifecycle.ts';

describe('the form lifecycle', () => {
  it('goes editing → submitting → submitted, and back to editing when the values are invalid', () => {
    expect(formTransition('editing', 'submitting')).toBe('submitting');
    expect(formTransition('submitting', 'editing')).toBe('editing');
    expect(formTransition('submitting', 'submitted')).toBe('submitted');
  });

  it('never leaves submitted, and never skips the check', () => {
    expect(() => formTransition('submitted', 'editing')).toThrow(/already been submitted/);
    expect(() => formTransition('submitted', 'submitting')).toThrow(/already been submitted/);
    expect(() => formTransition('editing', 'submitted')).toThrow();
  });

  it('takes edits only while editing', () => {
    expect(mayEdit('editing')).toBe(true);
    expect(mayEdit('submitting')).toBe(false);
    expect(mayEdit('submitted')).toBe(false);
  });
});
