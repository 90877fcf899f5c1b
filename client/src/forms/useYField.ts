import { useCallback, useEffect, useRef, useState } from 'react';
import * as Y from 'yjs';
import { formDoc } from '@kanava/shared';

type TextInput = HTMLInputElement | HTMLTextAreaElement;

/** The smallest edit that turns `before` into `after`: where, how much goes, what comes. */
export function diffText(before: string, after: string): { index: number; remove: number; insert: string } {
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start++;
  let end = 0;
  while (end < before.length - start && end < after.length - start && before[before.length - 1 - end] === after[after.length - 1 - end]) end++;
  return { index: start, remove: before.length - start - end, insert: after.slice(start, after.length - end) };
}

/**
 * A typed field bound to its Y.Text: local typing becomes the smallest Yjs edit (so two people
 * typing at once both keep their characters), and another person's edit moves this caret with
 * the text around it instead of throwing it to the end.
 */
export function useYText(doc: Y.Doc, fieldId: string) {
  const text = doc.getText(formDoc.textKey(fieldId));
  const [value, setValue] = useState(() => text.toString());
  const ref = useRef<TextInput | null>(null);
  const caret = useRef<{ start: Y.RelativePosition; end: Y.RelativePosition } | undefined>(undefined);

  const remember = useCallback(() => {
    const el = ref.current;
    if (!el || el.selectionStart === null || el.selectionEnd === null || document.activeElement !== el) return;
    caret.current = { start: Y.createRelativePositionFromTypeIndex(text, el.selectionStart), end: Y.createRelativePositionFromTypeIndex(text, el.selectionEnd) };
  }, [text]);

  useEffect(() => {
    // Another person's edit is written into the input at once, not at React's next render: a
    // keystroke in between would otherwise be diffed against a stale picture and undo their edit.
    const observer = (event: Y.YTextEvent) => {
      const now = text.toString();
      const el = ref.current;
      if (!event.transaction.local && el && el.value !== now) {
        el.value = now;
        const at = caret.current;
        if (at && document.activeElement === el) {
          const start = Y.createAbsolutePositionFromRelativePosition(at.start, doc)?.index;
          const end = Y.createAbsolutePositionFromRelativePosition(at.end, doc)?.index;
          try {
            if (start !== undefined && end !== undefined) el.setSelectionRange(start, end);
          } catch {
            // Date inputs have no text selection.
          }
        }
      }
      setValue(now);
    };
    setValue(text.toString());
    text.observe(observer);
    return () => text.unobserve(observer);
  }, [text, doc]);

  const change = useCallback(
    (next: string) => {
      const { index, remove, insert } = diffText(text.toString(), next);
      if (remove === 0 && insert === '') return;
      doc.transact(() => {
        if (remove > 0) text.delete(index, remove);
        if (insert) text.insert(index, insert);
      });
      // The caret is where the browser put it; remember it against the text, not an index.
      queueMicrotask(remember);
    },
    [doc, text, remember],
  );

  return { value, change, ref, remember };
}

/** A checkbox or choice bound to the form's shared map: the last click wins. */
export function useYChoice(doc: Y.Doc, fieldId: string) {
  const map = doc.getMap<unknown>(formDoc.choicesKey);
  const [value, setValue] = useState<unknown>(() => map.get(fieldId));
  useEffect(() => {
    const observer = () => setValue(map.get(fieldId));
    observer();
    map.observe(observer);
    return () => map.unobserve(observer);
  }, [map, fieldId]);
  const change = useCallback((next: string | boolean) => map.set(fieldId, next), [map, fieldId]);
  return { value, change };
}
