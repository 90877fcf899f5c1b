import { KanavaError } from '@kanava/shared';

/**
 * A form instance's life: people type in it (`editing`); on submit it is frozen while the
 * PDF is made (`submitting`: edits are refused so the filed PDF is exactly what was checked);
 * then `submitted` for good, or back to `editing` when the values were invalid or filing failed.
 */
export type FormLifecycle = 'editing' | 'submitting' | 'submitted';

const allowed: Record<FormLifecycle, readonly FormLifecycle[]> = {
  editing: ['submitting'],
  submitting: ['editing', 'submitted'],
  submitted: [],
};

export function formTransition(from: FormLifecycle, to: FormLifecycle): FormLifecycle {
  if (!allowed[from].includes(to)) {
    throw new KanavaError('invalidState', from === 'submitted' ? 'the form has already been submitted' : from === 'submitting' ? 'the form is being submitted' : `a form cannot go from ${from} to ${to}`);
  }
  return to;
}

export function mayEdit(state: FormLifecycle): boolean {
  return state === 'editing';
}
