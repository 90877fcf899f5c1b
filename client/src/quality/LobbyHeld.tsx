import { useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import type { ItemVerdict, PointSlug, PrecheckResult } from '@kanava/shared';
import { PrecheckRunner } from '../precheck/PrecheckRunner.ts';
import type { CallQuality } from './CallQuality.ts';
import './quality.css';

interface Props {
  slug: PointSlug;
  precheck: PrecheckResult;
  quality: CallQuality;
  stream: MediaStream;
  advisorCalled: boolean;
  onCallAdvisor: () => void;
}

const ITEMS = ['upload', 'download', 'camera', 'microphone'] as const;
const failing = (v: ItemVerdict) => v === 'belowMinimum' || v === 'unavailable';

/**
 * Block mode, the customer's view when their check is below the minimum: in plain words
 * what is wrong and that they cannot be served like this yet, the advisor (called at once,
 * and one press to call again) and a new check. Staff may still let them in with a reason;
 * then, or when a new check passes, the ordinary waiting screen follows.
 */
export function LobbyHeld({ slug, precheck, quality, stream, advisorCalled, onCallAdvisor }: Props) {
  const { t } = useTranslation();
  const runner = useMemo(() => new PrecheckRunner(slug), [slug]);
  const state = useSyncExternalStore(runner.subscribe, runner.getSnapshot);
  useEffect(() => () => runner.cancel(), [runner]);
  // The advisor is called as soon as the customer is held: they should not have to find the button first.
  const [called, setCalled] = useState(advisorCalled);
  useEffect(() => {
    if (called) return;
    setCalled(true);
    onCallAdvisor();
  }, [called, onCallAdvisor]);
  useEffect(() => {
    // A finished new check goes to the server, which judges it; passing it ends the hold.
    if (state.kind === 'done') void quality.submitLatest();
  }, [state, quality]);

  const problems = ITEMS.filter((item) => failing(precheck.verdict[item]));
  const checking = state.kind === 'running';
  return (
    <section className="lobby-wait lobby-held" aria-labelledby="held-title" data-verdict={precheck.verdict.overall}>
      <span className="notice-icon" aria-hidden="true">📶</span>
      <h1 id="held-title">{t('precheck.held.title')}</h1>
      <p className="lead">{t('precheck.held.body')}</p>
      <ul className="held-problems">
        {problems.map((item) => (
          <li key={item}>{t(`precheck.held.problem.${item}`)}</li>
        ))}
      </ul>
      <p className="lead">{t('precheck.held.whatNext')}</p>
      <div className="held-actions">
        <button type="button" className="advisor-button" onClick={onCallAdvisor}>
          <span aria-hidden="true" className="icon">🙋</span>
          {t('lobby.callAdvisor')}
        </button>
        <button type="button" className="big" disabled={checking} onClick={() => runner.start(stream)}>
          {checking ? t('precheck.held.checking') : t('precheck.held.retry')}
        </button>
      </div>
      <p role="status" aria-live="polite">
        {advisorCalled ? t('precheck.held.advisorCalled') : ''}
        {state.kind === 'done' && !state.result.verdict.admissible ? ` ${t('precheck.held.stillLow')}` : ''}
        {state.kind === 'failed' ? ` ${t(`precheck.failed.${state.reason}`)}` : ''}
      </p>
    </section>
  );
}
