import { useTranslation } from 'react-i18next';
import { formatWaited } from '../../format.ts';
import { useNow } from '../../useNow.ts';

/** What the customer sees while waiting: large plain text, the time waited, and help at one press. */
export function LobbyWait({ waitingSince, advisorCalled, onCallAdvisor }: { waitingSince: string; advisorCalled: boolean; onCallAdvisor: () => void }) {
  const { t } = useTranslation();
  const now = useNow();
  return (
    <section className="lobby-wait" aria-labelledby="lobby-title">
      <span className="notice-icon" aria-hidden="true">⏳</span>
      <h1 id="lobby-title">{t('lobby.waitTitle')}</h1>
      <p className="lead">{t('lobby.waitBody')}</p>
      <p className="waited" aria-live="off">
        {t('lobby.waited', { time: formatWaited(waitingSince, now) })}
      </p>
      <button type="button" className="advisor-button" onClick={onCallAdvisor}>
        <span aria-hidden="true" className="icon">🙋</span>
        {t('lobby.callAdvisor')}
      </button>
      <p role="status">{advisorCalled ? t('lobby.advisorCalled') : ''}</p>
    </section>
  );
}
