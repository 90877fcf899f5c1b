import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

const RETURN_AFTER_S = 20;

/** The end of a customer's visit (served or declined); the kiosk returns to its start by itself. */
export function CustomerEnd({ declineReason, onDone }: { declineReason: string | undefined; onDone: () => void }) {
  const { t } = useTranslation();
  const [left, setLeft] = useState(RETURN_AFTER_S);
  useEffect(() => {
    if (left <= 0) {
      onDone();
      return;
    }
    const timer = setTimeout(() => setLeft((s) => s - 1), 1000);
    return () => clearTimeout(timer);
  }, [left, onDone]);
  const declined = declineReason !== undefined;
  return (
    <section className="notice" aria-labelledby="end-title">
      <span className="notice-icon" aria-hidden="true">{declined ? '🙁' : '🙂'}</span>
      <h1 id="end-title">{declined ? t('kiosk.declinedTitle') : t('kiosk.endedTitle')}</h1>
      {declined ? (
        <>
          <p className="lead">{t('kiosk.declinedReason', { reason: declineReason })}</p>
          <p>{t('kiosk.declinedHelp')}</p>
        </>
      ) : (
        <p className="lead">{t('kiosk.endedBody')}</p>
      )}
      <p>{t('kiosk.returningIn', { seconds: left })}</p>
      <button type="button" className="primary big" onClick={onDone}>
        {t('kiosk.backToStart')}
      </button>
    </section>
  );
}
