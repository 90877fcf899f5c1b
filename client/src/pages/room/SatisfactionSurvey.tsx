import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';

const faces = ['😞', '🙁', '😐', '🙂', '😀'] as const;

interface Props {
  token: string;
  onDone: () => void;
  onActivity: () => void;
}

/** Two questions with five big faces each, an optional comment; anonymous. */
export function SatisfactionSurvey({ token, onDone, onActivity }: Props) {
  const { t } = useTranslation();
  const [service, setService] = useState<number | undefined>();
  const [connection, setConnection] = useState<number | undefined>();
  const [comment, setComment] = useState('');
  const [error, setError] = useState(false);
  const commentId = useId();
  const labels = t('survey.ratings', { returnObjects: true }) as string[];

  const send = async () => {
    if (service === undefined || connection === undefined) return;
    setError(false);
    try {
      const res = await fetch('/api/survey', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ token, serviceRating: service, connectionRating: connection, ...(comment.trim() ? { comment: comment.trim() } : {}) }),
      });
      if (!res.ok && res.status !== 404) throw new Error(String(res.status));
      onDone();
    } catch {
      setError(true);
    }
  };

  const scale = (name: string, legend: string, value: number | undefined, set: (n: number) => void) => (
    <fieldset className="survey-scale">
      <legend>{legend}</legend>
      <div className="faces">
        {faces.map((face, i) => (
          <label key={face} className={value === i + 1 ? 'face selected' : 'face'}>
            <input
              type="radio"
              name={name}
              value={i + 1}
              checked={value === i + 1}
              onChange={() => {
                set(i + 1);
                onActivity();
              }}
            />
            <span aria-hidden="true" className="face-icon">
              {face}
            </span>
            <span className="face-label">{labels[i]}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );

  return (
    <form
      className="survey"
      aria-labelledby="survey-title"
      onSubmit={(e) => {
        e.preventDefault();
        void send();
      }}
    >
      <h2 id="survey-title">{t('survey.title')}</h2>
      <p className="muted">{t('survey.anonymous')}</p>
      {scale('service', t('survey.service'), service, setService)}
      {scale('connection', t('survey.connection'), connection, setConnection)}
      <label htmlFor={commentId}>{t('survey.commentLabel')}</label>
      <textarea
        id={commentId}
        rows={2}
        maxLength={500}
        value={comment}
        onChange={(e) => {
          setComment(e.target.value);
          onActivity();
        }}
      />
      <div className="survey-actions">
        <button type="submit" className="primary big" disabled={service === undefined || connection === undefined}>
          {t('survey.send')}
        </button>
        <button type="button" className="big" onClick={onDone}>
          {t('survey.skip')}
        </button>
      </div>
      {error && (
        <p role="alert" className="error">
          {t('survey.failed')}
        </p>
      )}
    </form>
  );
}
