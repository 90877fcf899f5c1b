import { describe, expect, it } from 'vitest';
import {
  BookableRuleIdSchema,
  ProviderIdSchema,
  ServiceIdSchema,
  StaffUserIdSchema,
  emptyOpeningHours,
  type BookableRule,
  type BookingException,
  type OpeningHours,
  type Weekday,
} from '@kanava/shared';
import { candidateSlotsOn, datesFrom, isFree, offeredOn, startOfDate } from './slots.ts';
import { cellsOf, plusMinutes } from './grid.ts';

const mikko = StaffUserIdSchema.parse('mikko');
const ella = StaffUserIdSchema.parse('ella');

function rule(weekday: Weekday, from: string, to: string, slotMinutes: number, bufferMinutes = 0, expertId = mikko): BookableRule {
  return {
    id: BookableRuleIdSchema.parse(`r-${weekday}-${from}`),
    providerId: ProviderIdSchema.parse('kela'),
    serviceId: ServiceIdSchema.parse('housing'),
    expertId,
    weekday,
    from,
    to,
    slotMinutes,
    bufferMinutes,
  };
}

function openAllDay(...days: Weekday[]): OpeningHours {
  const hours = emptyOpeningHours();
  for (const d of days) hours.weekly[d] = [{ from: '00:00', to: '23:59' }];
  return hours;
}

const iso = (slots: { startsAt: Date }[]) => slots.map((s) => s.startsAt.toISOString());

describe('bookable slots in Europe/Helsinki', () => {
  it('walks a rule in slot + buffer steps: Tuesdays 9–12, 30 min, 10 min buffer (winter, UTC+2)', () => {
    const hours = emptyOpeningHours();
    hours.weekly.tue = [{ from: '09:00', to: '15:00' }];
    const slots = candidateSlotsOn('2026-12-01', [rule('tue', '09:00', '12:00', 30, 10)], [], hours);
    expect(iso(slots)).toEqual(['2026-12-01T07:00:00.000Z', '2026-12-01T07:40:00.000Z', '2026-12-01T08:20:00.000Z', '2026-12-01T09:00:00.000Z']);
    expect(slots[0]?.endsAt.toISOString()).toBe('2026-12-01T07:30:00.000Z');
  });

  it('keeps 9:00 local in summer (UTC+3)', () => {
    const hours = emptyOpeningHours();
    hours.weekly.tue = [{ from: '09:00', to: '15:00' }];
    expect(iso(candidateSlotsOn('2027-06-01', [rule('tue', '09:00', '10:00', 60)], [], hours))).toEqual(['2027-06-01T06:00:00.000Z']);
  });

  it('offers only what lies within the point’s opening hours', () => {
    const hours = emptyOpeningHours();
    hours.weekly.thu = [{ from: '10:00', to: '11:00' }];
    const { slots, reasons } = offeredOn('2026-12-03', [rule('thu', '09:00', '12:00', 30)], [], hours);
    expect(iso(slots)).toEqual(['2026-12-03T08:00:00.000Z', '2026-12-03T08:30:00.000Z']);
    expect(reasons.has('closed')).toBe(true);
  });

  it('follows the point’s exception dates (a holiday closes the point)', () => {
    const hours = openAllDay('thu');
    hours.exceptions = [{ date: '2026-12-24', hours: [], note: 'Jouluaatto' }];
    expect(candidateSlotsOn('2026-12-24', [rule('thu', '09:00', '12:00', 30)], [], hours)).toEqual([]);
  });

  it('leaves out an expert’s whole-day absence and a provider’s holiday, and a part-day absence only where it overlaps', () => {
    const hours = openAllDay('thu');
    const rules = [rule('thu', '09:00', '11:00', 60), rule('thu', '09:00', '11:00', 60, 0, ella)];
    const absence: BookingException = { id: 'x' as BookingException['id'], providerId: rules[0]!.providerId, expertId: mikko, date: '2026-12-03', from: null, to: null, note: '' };
    expect(candidateSlotsOn('2026-12-03', rules, [absence], hours).map((s) => s.expertId)).toEqual([ella, ella]);
    const holiday = { ...absence, expertId: null };
    expect(offeredOn('2026-12-03', rules, [holiday], hours)).toMatchObject({ slots: [], reasons: new Set(['exception']) });
    const dentist = { ...absence, from: '09:30', to: '10:00' };
    expect(iso(candidateSlotsOn('2026-12-03', [rules[0]!], [dentist], hours))).toEqual(['2026-12-03T08:00:00.000Z']);
  });

  describe('the spring change (last Sunday of March: 03:00 → 04:00)', () => {
    const hours = openAllDay('sun');
    it('has no slot at a local time that does not exist, and the instants jump by one hour less', () => {
      const slots = candidateSlotsOn('2027-03-28', [rule('sun', '01:00', '06:00', 60)], [], hours);
      // 01:00 and 02:00 are UTC+2; 03:00 does not exist; 04:00 and 05:00 are UTC+3.
      expect(iso(slots)).toEqual(['2027-03-27T23:00:00.000Z', '2027-03-28T00:00:00.000Z', '2027-03-28T01:00:00.000Z', '2027-03-28T02:00:00.000Z']);
    });

    it('never lets slots overlap across the gap', () => {
      const slots = candidateSlotsOn('2027-03-28', [rule('sun', '02:00', '06:00', 30)], [], hours);
      for (let i = 1; i < slots.length; i++) expect(slots[i]!.startsAt.getTime()).toBeGreaterThanOrEqual(slots[i - 1]!.endsAt.getTime());
    });

    it('measures a slot in real minutes: 02:30 + 60 min ends at 04:30 local, past a rule that ends at 04:00', () => {
      expect(iso(candidateSlotsOn('2027-03-28', [rule('sun', '02:30', '04:00', 60)], [], hours))).toEqual([]);
      const slot = candidateSlotsOn('2027-03-28', [rule('sun', '02:30', '05:00', 60)], [], hours)[0];
      expect(slot?.startsAt.toISOString()).toBe('2027-03-28T00:30:00.000Z');
      expect(slot?.endsAt.toISOString()).toBe('2027-03-28T01:30:00.000Z');
    });
  });

  describe('the autumn change (last Sunday of October: 04:00 → 03:00)', () => {
    const hours = openAllDay('sun');
    it('offers a twice-occurring local time once, and the day has one more real hour', () => {
      const slots = candidateSlotsOn('2027-10-31', [rule('sun', '02:00', '05:00', 60)], [], hours);
      // 02:00 and the first 03:00 are UTC+3; 04:00 is UTC+2.
      expect(iso(slots)).toEqual(['2027-10-30T23:00:00.000Z', '2027-10-31T00:00:00.000Z', '2027-10-31T02:00:00.000Z']);
      for (let i = 1; i < slots.length; i++) expect(slots[i]!.startsAt.getTime()).toBeGreaterThanOrEqual(slots[i - 1]!.endsAt.getTime());
    });

    it('keeps 9:00 local on the day of the change (UTC+2 from then on)', () => {
      expect(iso(candidateSlotsOn('2027-10-31', [rule('sun', '09:00', '10:00', 60)], [], hours))).toEqual(['2027-10-31T07:00:00.000Z']);
      expect(iso(candidateSlotsOn('2027-10-24', [rule('sun', '09:00', '10:00', 60)], [], hours))).toEqual(['2027-10-24T06:00:00.000Z']);
    });
  });

  describe('around midnight', () => {
    it('puts 00:00–01:00 Helsinki on its own date although it is the previous UTC date', () => {
      const slots = candidateSlotsOn('2026-12-02', [rule('wed', '00:00', '01:00', 30)], [], openAllDay('wed'));
      expect(iso(slots)).toEqual(['2026-12-01T22:00:00.000Z', '2026-12-01T22:30:00.000Z']);
    });

    it('ends a late rule at 24:00 but a point open until 23:59 takes no slot that ends at midnight', () => {
      const late = rule('wed', '23:00', '24:00', 30);
      expect(iso(candidateSlotsOn('2026-12-02', [late], [], openAllDay('wed')))).toEqual(['2026-12-02T21:00:00.000Z']);
    });

    it('starts Helsinki dates at local midnight, two or three hours before UTC midnight', () => {
      expect(startOfDate('2026-12-02').toISOString()).toBe('2026-12-01T22:00:00.000Z');
      expect(startOfDate('2027-06-02').toISOString()).toBe('2027-06-01T21:00:00.000Z');
      expect(datesFrom('2027-03-27', 3)).toEqual(['2027-03-27', '2027-03-28', '2027-03-29']);
      expect(datesFrom('2027-10-30', 3)).toEqual(['2027-10-30', '2027-10-31', '2027-11-01']);
    });
  });

  it('sees a slot as taken when any cell it or its buffer covers is taken', () => {
    const hours = openAllDay('thu');
    const [first, second] = candidateSlotsOn('2026-12-03', [rule('thu', '09:00', '11:00', 30, 10)], [], hours);
    const busy = new Set(cellsOf(first!.startsAt, plusMinutes(first!.endsAt, 10)).map((c) => `${mikko}|${c}`));
    expect(isFree(first!, busy)).toBe(false);
    expect(isFree(second!, busy)).toBe(true);
    expect(isFree(first!, new Set([`${ella}|${first!.startsAt.toISOString()}`]))).toBe(true);
  });
});
