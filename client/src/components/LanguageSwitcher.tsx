import { useTranslation } from 'react-i18next';
import { languages } from '../i18n/index.ts';

/** Three language buttons, each labelled in its own language so anyone can find theirs. */
export function LanguageSwitcher() {
  const { t, i18n } = useTranslation();
  return (
    <nav className="language-switcher" aria-label={t('language.label')}>
      {languages.map((lng) => (
        <button
          key={lng}
          type="button"
          lang={lng}
          aria-pressed={i18n.language === lng}
          onClick={() => void i18n.changeLanguage(lng)}
        >
          {t(`language.${lng}`)}
        </button>
      ))}
    </nav>
  );
}
