import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en.ts';
import { fi } from './fi.ts';
import { sv } from './sv.ts';

export const languages = ['fi', 'sv', 'en'] as const;
export type Language = (typeof languages)[number];

const STORAGE_KEY = 'kanava.language';

function initialLanguage(): Language {
  const fromUrl = new URLSearchParams(window.location.search).get('lang');
  const stored = window.localStorage.getItem(STORAGE_KEY);
  for (const candidate of [fromUrl, stored]) {
    const match = languages.find((l) => l === candidate);
    if (match) return match;
  }
  return 'fi';
}

export async function initI18n(): Promise<void> {
  await i18next.use(initReactI18next).init({
    resources: { fi: { translation: fi }, sv: { translation: sv }, en: { translation: en } },
    lng: initialLanguage(),
    fallbackLng: 'fi',
    // React escapes what it renders; i18next must not escape again.
    interpolation: { escapeValue: false },
  });
  document.documentElement.lang = i18next.language;
  i18next.on('languageChanged', (lng) => {
    document.documentElement.lang = lng;
    window.localStorage.setItem(STORAGE_KEY, lng);
  });
}
