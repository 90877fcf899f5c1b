// Throughput and picture figures as people read them, in the page's language.

/** The Intl locale of a page language (Finnish conventions for fi, Finland's Swedish for sv). */
export function locale(language: string): string {
  return language === 'sv' ? 'sv-FI' : language === 'en' ? 'en-GB' : 'fi-FI';
}

/** kbit/s → "0,38" / "1,8" (Mbit/s): the guide states its limits in kbit/s, people read Mbit/s. */
export function mbit(kbps: number, language: string): string {
  const m = kbps / 1000;
  return new Intl.NumberFormat(locale(language), { maximumFractionDigits: m < 1 ? 2 : 1, minimumFractionDigits: m < 1 ? 2 : 1 }).format(m);
}

export function fps(frameRate: number, language: string): string {
  return new Intl.NumberFormat(locale(language), { maximumFractionDigits: 0 }).format(frameRate);
}
