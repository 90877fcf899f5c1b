import { weekdays, type OpeningHours, type TimeRange } from '@kanava/shared';

/**
 * Opening hours as people type them: "09:00-15:00, 17:00-19:00" per weekday, and one
 * exception date per line ("2025-12-24 closed" / "2025-12-23 09:00-12:00"). The server
 * validates the result and names any wrong field.
 */
export function rangesToText(ranges: TimeRange[]): string {
  return ranges.map((r) => `${r.from}-${r.to}`).join(', ');
}

export function textToRanges(text: string): TimeRange[] {
  return text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => {
      const [from = '', to = ''] = s.split(/\s*[-–]\s*/);
      return { from: from.padStart(5, '0'), to: to.padStart(5, '0') };
    });
}

export function exceptionsToText(hours: OpeningHours): string {
  return hours.exceptions.map((e) => `${e.date} ${e.hours.length ? rangesToText(e.hours) : '-'}${e.note ? ` ${e.note}` : ''}`.trim()).join('\n');
}

export function textToExceptions(text: string): OpeningHours['exceptions'] {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .map((line) => {
      const [date = '', ...rest] = line.split(/\s+/);
      const ranges = rest.filter((w) => /^\d{1,2}:\d{2}[-–]\d{1,2}:\d{2},?$/.test(w)).map((w) => w.replace(/,$/, ''));
      const note = rest.filter((w) => !/^\d{1,2}:\d{2}[-–]\d{1,2}:\d{2},?$/.test(w) && w !== '-').join(' ');
      return { date, hours: textToRanges(ranges.join(',')), note };
    });
}

export const emptyWeekText = (): Record<(typeof weekdays)[number], string> => ({ mon: '', tue: '', wed: '', thu: '', fri: '', sat: '', sun: '' });
