import { useTranslation } from 'react-i18next';

const ZONE = 'Europe/Helsinki';
const localeOf = (language: string) => (language === 'en' ? 'en-GB' : `${language}-FI`);

/** Today's date in Helsinki, "YYYY-MM-DD" (the date the server's rules use, wherever the browser is). */
export function helsinkiToday(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/** The Helsinki date of an instant, "YYYY-MM-DD". */
export function helsinkiDateOf(iso: string): string {
  return helsinkiToday(new Date(iso));
}

/** Instants shown as Helsinki wall-clock times in the current language. */
export function useHelsinkiFormat() {
  const { i18n } = useTranslation();
  const locale = localeOf(i18n.language);
  return {
    time: (iso: string) => new Intl.DateTimeFormat(locale, { timeZone: ZONE, hour: '2-digit', minute: '2-digit' }).format(new Date(iso)),
    date: (iso: string) => new Intl.DateTimeFormat(locale, { timeZone: ZONE, weekday: 'short', day: 'numeric', month: 'numeric' }).format(new Date(iso)),
    /** A Helsinki date "YYYY-MM-DD" as a heading, e.g. "torstai 26.11.2026". */
    day: (date: string) => new Intl.DateTimeFormat(locale, { timeZone: 'UTC', weekday: 'long', day: 'numeric', month: 'numeric', year: 'numeric' }).format(new Date(`${date}T12:00:00Z`)),
  };
}
