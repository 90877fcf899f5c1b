import { describe, expect, it } from 'vitest';
import { emptyOpeningHours, type OpeningHours } from '@kanava/shared';
import { isOpenAt } from './openingHours.ts';

const hours: OpeningHours = {
  ...emptyOpeningHours(),
  weekly: { ...emptyOpeningHours().weekly, mon: [{ from: '09:00', to: '15:00' }], sun: [{ from: '09:00', to: '12:00' }] },
  exceptions: [{ date: '2025-12-22', hours: [], note: 'closed for training' }],
};

describe('opening hours in Europe/Helsinki', () => {
  it('opens at 9 local time in winter (07 UTC) and in summer (06 UTC)', () => {
    expect(isOpenAt(hours, new Date('2025-01-13T06:59:00Z'))).toBe(false);
    expect(isOpenAt(hours, new Date('2025-01-13T07:00:00Z'))).toBe(true);
    expect(isOpenAt(hours, new Date('2025-06-16T06:00:00Z'))).toBe(true);
    expect(isOpenAt(hours, new Date('2025-06-16T12:00:00Z'))).toBe(false); // 15:00 local: closed
  });

  it('keeps local hours on the days the clocks change', () => {
    // Sunday 30 March 2025: clocks go forward at 03:00 local; 09:00 is then 06:00 UTC.
    expect(isOpenAt(hours, new Date('2025-03-30T06:00:00Z'))).toBe(true);
    expect(isOpenAt(hours, new Date('2025-03-30T05:59:00Z'))).toBe(false);
    // Sunday 26 October 2025: clocks go back at 04:00 local; 09:00 is then 07:00 UTC.
    expect(isOpenAt(hours, new Date('2025-10-26T06:59:00Z'))).toBe(false);
    expect(isOpenAt(hours, new Date('2025-10-26T07:00:00Z'))).toBe(true);
  });

  it('follows an exception date over the weekly rule', () => {
    expect(isOpenAt(hours, new Date('2025-12-22T10:00:00Z'))).toBe(false); // a Monday, closed that day
    expect(isOpenAt(hours, new Date('2025-12-15T10:00:00Z'))).toBe(true);
  });
});
