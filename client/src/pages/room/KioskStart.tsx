import { useTranslation } from 'react-i18next';
import type { PointSlug } from '@kanava/shared';
import { languages } from '../../i18n/index.ts';
import { KioskReadiness } from './KioskReadiness.tsx';

/**
 * The kiosk's start screen: the point's name and three big language buttons; at the point's own kiosk
 * (`checkKioskOf`), a small line below them with the kiosk's own device and network check.
 */
export function KioskStart({ pointName, onStart, checkKioskOf }: { pointName: string; onStart: () => void; checkKioskOf?: PointSlug | undefined }) {
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
      {checkKioskOf && <KioskReadiness slug={checkKioskOf} />}
    </section>
  );
}
