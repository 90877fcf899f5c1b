import { DateTime } from 'luxon';
import { weekdays, type OpeningHours, type TimeRange } from '@kanava/shared';
import { ZONE } from '../time.ts';

/**
 * The point's hours on the Helsinki date of `at`: the exception for that date if there is
 * one, else the week's rule for its weekday.
 */
export function hoursOn(hours: OpeningHours, at: Date): TimeRange[] {
  const local = DateTime.fromJSDate(at, { zone: ZONE });
  const date = local.toISODate();
  const exception = hours.exceptions.find((e) => e.date === date);
  if (exception) return exception.hours;
  const weekday = weekdays[local.weekday - 1];
  return weekday ? hours.weekly[weekday] : [];
}

/**
 * Whether the point is open at an instant. Hours are Helsinki wall-clock times, so "9–15"
 * is 07–13 UTC in winter and 06–12 UTC in summer; the comparison is made in local time.
 */
export function isOpenAt(hours: OpeningHours, at: Date): boolean {
  const hhmm = DateTime.fromJSDate(at, { zone: ZONE }).toFormat('HH:mm');
  return hoursOn(hours, at).some((r) => r.from <= hhmm && hhmm < r.to);
}
