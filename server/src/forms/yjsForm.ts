import * as Y from 'yjs';
import { FIELD_MAX_LENGTH, formDoc, type FormField, type FormValues } from '@kanava/shared';

/** The values of a form's Yjs document, field by field. */
export function readValues(doc: Y.Doc, fields: readonly FormField[]): FormValues {
  const choices = doc.getMap<unknown>(formDoc.choicesKey);
  const values: FormValues = {};
  for (const f of fields) {
    if (formDoc.isText(f.type)) values[f.id] = doc.getText(formDoc.textKey(f.id)).toString();
    else {
      const v = choices.get(f.id);
      values[f.id] = f.type === 'checkbox' ? v === true : typeof v === 'string' ? v : '';
    }
  }
  return values;
}

/**
 * What is wrong with a form document after an update, or undefined: only the template's
 * fields may exist, each typed value within its length, checkbox and choice values of their
 * kind. Checked on a copy before the update is taken, so a refused edit leaves nothing behind.
 */
export function shapeProblem(doc: Y.Doc, fields: readonly FormField[]): string | undefined {
  const byText = new Map(fields.filter((f) => formDoc.isText(f.type)).map((f) => [formDoc.textKey(f.id), f]));
  const byChoice = new Map(fields.filter((f) => !formDoc.isText(f.type)).map((f) => [f.id, f]));
  for (const name of doc.share.keys()) {
    if (name === formDoc.choicesKey) continue;
    const field = byText.get(name);
    if (!field) return `no field ${name} in this form`;
    if (doc.getText(name).length > FIELD_MAX_LENGTH[field.type]) return `${field.id}: at most ${FIELD_MAX_LENGTH[field.type]} characters`;
  }
  if (doc.share.has(formDoc.choicesKey)) {
    for (const [key, value] of doc.getMap<unknown>(formDoc.choicesKey).entries()) {
      const field = byChoice.get(key);
      if (!field) return `no field ${key} in this form`;
      if (field.type === 'checkbox' ? typeof value !== 'boolean' : typeof value !== 'string' || value.length > FIELD_MAX_LENGTH.choice) return `${key}: not a ${field.type} value`;
    }
  }
  return undefined;
}

/** A document holding this state, for checking an update before it is applied for real. */
export function copyOf(doc: Y.Doc): Y.Doc {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  return copy;
}

export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.byteLength === b.byteLength && a.every((v, i) => v === b[i]);
}
