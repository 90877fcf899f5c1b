import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SatisfactionSurvey } from './SatisfactionSurvey.tsx';

/** Without a touch, the kiosk goes back to its start screen after this long. */
const RETURN_AFTER_S = 20;
const SURVEY_IDLE_S = 90;

interface Props {
  declineReason: string | undefined;
  surveyToken?: string | undefined;
  onDone: () => void;
}

/** The end of a customer's visit (served or declined): the survey, thanks, and back to the start by itself. */
export function CustomerEnd({ declineReason, surveyToken, onDone }: Props) {
  const { t } = useTranslation();
  const [surveyOpen, setSurveyOpen] = useState(surveyToken !== undefined && declineReason === undefined);
  const [answered, setAnswered] = useState(false);
  const [left, setLeft] = useState(surveyOpen ? SURVEY_IDLE_S : RETURN_AFTER_S);

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
      {declined && (
        <>
          <p className="lead">{t('kiosk.declinedReason', { reason: declineReason })}</p>
          <p>{t('kiosk.declinedHelp')}</p>
        </>
      )}
      {surveyOpen && surveyToken ? (
        <SatisfactionSurvey
          token={surveyToken}
          onActivity={() => setLeft(SURVEY_IDLE_S)}
          onDone={() => {
            setSurveyOpen(false);
            setAnswered(true);
            setLeft(RETURN_AFTER_S);
          }}
        />
      ) : (
        <>
          {answered && (
            <p className="lead" role="status">
              {t('survey.thanks')}
            </p>
          )}
          {!declined && <p className="lead">{t('kiosk.endedBody')}</p>}
          <p>{t('kiosk.returningIn', { seconds: left })}</p>
          <button type="button" className="primary big" onClick={onDone}>
            {t('kiosk.backToStart')}
          </button>
        </>
      )}
    </section>
  );
}
