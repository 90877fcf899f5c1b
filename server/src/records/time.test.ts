import { describe, expect, it } from 'vitest';
import { helsinkiDate } from './time.ts';

describe('Helsinki dates', () => {
  it('changes the date at Helsinki midnight, not at UTC midnight, in winter and in summer', () => {
    expect(helsinkiDate(new Date('2025-12-31T21:59:59Z'))).toBe('2025-12-31');
    expect(helsinkiDate(new Date('2025-12-31T22:00:00Z'))).toBe('2026-01-01'); // UTC+2
    expect(helsinkiDate(new Date('2025-06-30T20:59:59Z'))).toBe('2025-06-30');
    expect(helsinkiDate(new Date('2025-06-30T21:00:00Z'))).toBe('2025-07-01'); // UTC+3
  });
});
