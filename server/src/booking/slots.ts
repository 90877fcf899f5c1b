import { DateTime } from 'luxon';
import {
  minutesOfDay,
  weekdays,
  type BookableRule,
  type BookingException,
  type OpeningHours,
  type StaffUserId,
} from '@kanava/shared';
import { ZONE } from '../records/time.ts';
import { cellsOf, plusMinutes } from './grid.ts';

/** A slot that the rules offer on a date, before anyone has booked it. */
export interface CandidateSlot {
  startsAt: Date;
  endsAt: Date;
  expertId: StaffUserId;
  bufferMinutes: number;
}

/** Why a time is not bookable, for the 400 an advisor sees. */
export type NotOffered = 'noRule' | 'exception' | 'closed';

/**
 * The slots the rules offer on one Helsinki date. Rules are wall-clock times ("Tuesdays
 * 9–12, 30 min + 10 min"), so they are walked in local minutes and each start turned into
 * an instant in Europe/Helsinki:
 * - a start that does not exist (03:00–03:59 on the last Sunday of March) is skipped;
 * - a start that exists twice (03:00–03:59 on the last Sunday of October) is its first
 *   occurrence, so the starts stay in order and never overlap;
 * - a slot lasts its real minutes: its wall-clock end must still be within the rule and
 *   within the point's opening hours, which is where DST shows.
 */
export function candidateSlotsOn(
  date: string,
  rules: readonly BookableRule[],
  exceptions: readonly BookingException[],
  hours: OpeningHours,
): CandidateSlot[] {
  return offeredOn(date, rules, exceptions, hours).slots;
}

/** The same walk, also telling why nothing is offered (for a clear error). */
export function offeredOn(
  date: string,
  rules: readonly BookableRule[],
  exceptions: readonly BookingException[],
  hours: OpeningHours,
): { slots: CandidateSlot[]; reasons: Set<NotOffered> } {
  const day = DateTime.fromISO(date, { zone: ZONE });
  const weekday = weekdays[day.weekday - 1];
  const reasons = new Set<NotOffered>();
  const slots: CandidateSlot[] = [];
  const todays = rules.filter((r) => r.weekday === weekday);
  if (todays.length === 0) reasons.add('noRule');
  const open = openingOn(date, hours);
  const clock = localClock(date);
  for (const rule of todays) {
    const off = exceptions.filter((e) => e.date === date && (e.expertId === null || e.expertId === rule.expertId));
    if (off.some((e) => e.from === null)) {
      reasons.add('exception');
      continue;
    }
    const ruleTo = minutesOfDay(rule.to);
    for (let m = minutesOfDay(rule.from); m + rule.slotMinutes <= ruleTo; m += rule.slotMinutes + rule.bufferMinutes) {
      const startsAt = clock.instantAt(m);
      if (!startsAt) continue; // skipped by the spring change
      const endsAt = plusMinutes(startsAt, rule.slotMinutes);
      const endLocal = clock.minutesAt(endsAt);
      if (endLocal > ruleTo) continue;
      if (off.some((e) => e.from !== null && e.to !== null && m < minutesOfDay(e.to) && minutesOfDay(e.from) < endLocal)) {
        reasons.add('exception');
        continue;
      }
      if (!open.some((r) => r.from <= m && endLocal <= r.to)) {
        reasons.add('closed');
        continue;
      }
      slots.push({ startsAt, endsAt, expertId: rule.expertId, bufferMinutes: rule.bufferMinutes });
    }
  }
  slots.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime() || a.expertId.localeCompare(b.expertId));
  return { slots, reasons };
}

/**
 * Local minutes ↔ instants on one Helsinki date. On the ~363 days without a clock change the
 * offset is one number and plain arithmetic is exact (and fast: a month's search walks
 * hundreds of slots); on the two days with a change every conversion goes through luxon.
 */
function localClock(date: string): { instantAt(minute: number): Date | undefined; minutesAt(at: Date): number } {
  const day = DateTime.fromISO(date, { zone: ZONE }).startOf('day');
  const next = day.plus({ days: 1 });
  if (day.offset === next.offset && next.diff(day, 'minutes').minutes === 24 * 60) {
    const midnight = day.toMillis();
    return {
      instantAt: (minute) => new Date(midnight + minute * 60_000),
      minutesAt: (at) => Math.min(24 * 60, Math.round((at.getTime() - midnight) / 60_000)),
    };
  }
  return {
    instantAt(minute) {
      const start = day.set({ hour: Math.floor(minute / 60), minute: minute % 60 });
      return start.toISODate() === date && start.hour * 60 + start.minute === minute ? start.toJSDate() : undefined;
    },
    minutesAt(at) {
      const local = DateTime.fromJSDate(at, { zone: ZONE });
      return local.toISODate() === date ? local.hour * 60 + local.minute : 24 * 60;
    },
  };
}

/** The point's hours on a Helsinki date, in local minutes: the date's exception, else the weekday's. */
function openingOn(date: string, hours: OpeningHours): { from: number; to: number }[] {
  const weekday = weekdays[DateTime.fromISO(date, { zone: ZONE }).weekday - 1];
  const exception = hours.exceptions.find((e) => e.date === date);
  const ranges = exception ? exception.hours : weekday ? hours.weekly[weekday] : [];
  return ranges.map((r) => ({ from: minutesOfDay(r.from), to: minutesOfDay(r.to) }));
}

/** Whether none of the cells the slot would occupy (with its buffer) is taken. */
export function isFree(slot: CandidateSlot, busy: ReadonlySet<string>): boolean {
  return cellsOf(slot.startsAt, plusMinutes(slot.endsAt, slot.bufferMinutes)).every((c) => !busy.has(`${slot.expertId}|${c}`));
}

/** Helsinki dates from `from`, `days` of them. */
export function datesFrom(from: string, days: number): string[] {
  const start = DateTime.fromISO(from, { zone: ZONE });
  return Array.from({ length: days }, (_, i) => start.plus({ days: i }).toISODate() ?? from);
}

/** The instant a Helsinki date starts (its local midnight). */
export function startOfDate(date: string): Date {
  return DateTime.fromISO(date, { zone: ZONE }).startOf('day').toJSDate();
}
