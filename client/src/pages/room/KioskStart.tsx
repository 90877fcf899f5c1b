import { useTranslation } from 'react-i18next';
import { languages } from '../../i18n/index.ts';

/** The kiosk's start screen: the point's name and three big language buttons, nothing else. */
export function KioskStart({ pointName, onStart }: { pointName: string; onStart: () => void }) {
  const { t, i18n } = useTranslation();
  return (
    <section className="kiosk-start" aria-labelledby="kiosk-title">
      <h1 id="kiosk-title">{t('kiosk.welcome')}</h1>
      <p className="lead">{pointName}</p>
      <p className="lead" id="kiosk-languages-label">
        {t('kiosk.chooseLanguage')}
      </p>
      <div className="kiosk-languages" role="group" aria-labelledby="kiosk-languages-label">
        {languages.map((lng) => (
          <button
            key={lng}
            type="button"
            lang={lng}
            className="primary huge"
            onClick={() => {
              void i18n.changeLanguage(lng).then(onStart);
            }}
          >
            {t(`language.${lng}`)}
          </button>
        ))}
      </div>
    </section>
  );
}
