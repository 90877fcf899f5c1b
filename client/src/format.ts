/** "4 min 05 s" style durations and Helsinki wall-clock times for the screens. */
export function formatWaited(fromIso: string, now: number): string {
  const seconds = Math.max(0, Math.floor((now - Date.parse(fromIso)) / 1000));
  const m = Math.floor(seconds / 60);
  const s = seconds % 60;
  return m > 0 ? `${m} min ${String(s).padStart(2, '0')} s` : `${s} s`;
}

export function formatClock(iso: string, language: string): string {
  return new Intl.DateTimeFormat(language === 'sv' ? 'sv-FI' : language === 'en' ? 'en-GB' : 'fi-FI', {
    hour: '2-digit',
    minute: '2-digit',
    timeZone: 'Europe/Helsinki',
  }).format(new Date(iso));
}
