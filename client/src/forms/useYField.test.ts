import { describe, expect, it } from 'vitest';
import { diffText } from './useYField.ts';

describe('the smallest text edit', () => {
  it('finds an insertion in the middle', () => {
    expect(diffText('Kainuuntie 1', 'Kainuuntie 12')).toEqual({ index: 12, remove: 0, insert: '2' });
    expect(diffText('Kuhmo', 'Kuuhmo')).toEqual({ index: 2, remove: 0, insert: 'u' });
  });

  it('finds a deletion and a replacement', () => {
    expect(diffText('040 123', '040 23')).toEqual({ index: 4, remove: 1, insert: '' });
    expect(diffText('abc', 'axc')).toEqual({ index: 1, remove: 1, insert: 'x' });
  });

  it('is empty when nothing changed', () => {
    expect(diffText('same', 'same')).toEqual({ index: 4, remove: 0, insert: '' });
  });
});
