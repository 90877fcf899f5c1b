import { useTranslation } from 'react-i18next';
import type { ItemVerdict, QualityPolicy } from '@kanava/shared';
import { fps, mbit } from '../quality/formatFigures.ts';
import type { LocalPrecheck } from './PrecheckRunner.ts';
import type { Precheck } from './usePrecheck.ts';
import '../quality/quality.css';

/**
 * The check's result in plain words: one line per item with a verdict, and what to do
 * about anything that is not good. Progress and the result are announced (live region).
 */
export function PrecheckPanel({ precheck }: { precheck: Precheck }) {
  const { t } = useTranslation();
  const { state } = precheck;
  // The measured figures as data attributes too: the shaped-link tests and the benchmark read them.
  const figures =
    state.kind === 'done'
      ? {
          'data-up-kbps': state.result.network.upKbps,
          'data-down-kbps': state.result.network.downKbps,
          'data-rtt-ms': state.result.network.rttMs ?? undefined,
          'data-duration-ms': state.result.durationMs,
          'data-verdict': state.result.verdict.overall,
        }
      : {};
  return (
    <section className="precheck" aria-labelledby="precheck-title" data-state={state.kind} {...figures}>
      <h2 id="precheck-title">{t('precheck.title')}</h2>
      <div role="status" aria-live="polite" className="precheck-status">
        {state.kind === 'running' && (
          <p>
            <span className="spinner" aria-hidden="true" /> {t(`precheck.step.${state.step}`)}
          </p>
        )}
        {state.kind === 'done' && <Summary result={state.result} />}
        {state.kind === 'failed' && <p className="error">{t(`precheck.failed.${state.reason}`)}</p>}
        {precheck.joinPending && <p>{t('precheck.joinAfterCheck')}</p>}
      </div>
      {state.kind === 'running' && <p className="help">{t('precheck.running')}</p>}
      {state.kind === 'done' && <Items result={state.result} />}
      {(state.kind === 'done' || state.kind === 'failed') && (
        <button type="button" onClick={precheck.again}>
          {t('precheck.again')}
        </button>
      )}
    </section>
  );
}

function Summary({ result }: { result: LocalPrecheck }) {
  const { t } = useTranslation();
  const { verdict } = result;
  const text = !verdict.admissible ? t('precheck.summary.blocked') : t(`precheck.summary.${verdict.overall}`);
  return <p className={`precheck-summary verdict-${verdict.overall}`}>{text}</p>;
}

function Items({ result }: { result: LocalPrecheck }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { camera, microphone, network, verdict, policy } = result;
  const speed = (kbps: number, atCeiling: boolean) => t(atCeiling ? 'precheck.value.speedAtLeast' : 'precheck.value.speed', { mbit: mbit(kbps, lang) });
  const rows: Array<{ key: string; label: string; value: string; verdict: ItemVerdict | undefined; advice: string | undefined }> = [
    {
      key: 'camera',
      label: t('precheck.item.camera'),
      value: camera.status === 'measured' ? t('precheck.value.camera', { width: camera.width, height: camera.height, fps: fps(camera.frameRate, lang) }) : t('precheck.value.none'),
      verdict: verdict.camera,
      advice: verdict.camera === 'good' ? undefined : t('precheck.advice.camera', { width: policy.camera.minWidth, height: policy.camera.minHeight, fps: policy.camera.minFrameRate }),
    },
    {
      key: 'microphone',
      label: t('precheck.item.microphone'),
      value:
        microphone.status === 'measured'
          ? t(verdict.microphone === 'good' ? 'precheck.value.micHeard' : 'precheck.value.micSilent')
          : t(microphone.status === 'notMeasured' ? 'precheck.value.micNotMeasured' : 'precheck.value.none'),
      verdict: verdict.microphone,
      advice: verdict.microphone === 'good' ? undefined : t(verdict.microphone === 'notMeasured' ? 'precheck.advice.microphoneNotMeasured' : 'precheck.advice.microphone'),
    },
    {
      key: 'upload',
      label: t('precheck.item.upload'),
      // A browser that could not be pushed to the probe's rate showed how far it went, not what the link carries.
      value: network.upBrowserLimited ? t('precheck.value.speedReached', { mbit: mbit(network.upKbps, lang) }) : speed(network.upKbps, network.upAtCeiling),
      verdict: verdict.upload,
      advice: networkAdvice(t, verdict.upload, 'upload', policy, lang),
    },
    {
      key: 'download',
      label: t('precheck.item.download'),
      value: speed(network.downKbps, network.downAtCeiling),
      verdict: verdict.download,
      advice: networkAdvice(t, verdict.download, 'download', policy, lang),
    },
    {
      key: 'rtt',
      label: t('precheck.item.rtt'),
      value: network.rttMs === null ? t('precheck.value.none') : t('precheck.value.rtt', { ms: network.rttMs }),
      verdict: undefined,
      advice: undefined,
    },
  ];
  return (
    <>
      <dl className="precheck-items">
        {rows.map((row) => (
          <div key={row.key} className="precheck-item" data-item={row.key} data-verdict={row.verdict ?? 'info'}>
            <dt>{row.label}</dt>
            <dd>
              <span className="precheck-value">{row.value}</span>
              {row.verdict && <span className={`verdict verdict-${row.verdict}`}>{t(`precheck.verdict.${row.verdict}`)}</span>}
              {row.advice && <span className="precheck-advice">{row.advice}</span>}
            </dd>
          </div>
        ))}
      </dl>
      <p className="help">{t('precheck.tookSeconds', { seconds: (result.durationMs / 1000).toFixed(1) })}</p>
    </>
  );
}

function networkAdvice(
  t: ReturnType<typeof useTranslation>['t'],
  verdict: ItemVerdict,
  direction: 'upload' | 'download',
  policy: QualityPolicy,
  lang: string,
): string | undefined {
  const min = direction === 'upload' ? policy.network.minUpKbps : policy.network.minDownKbps;
  const recommended = direction === 'upload' ? policy.network.recommendedUpKbps : policy.network.recommendedDownKbps;
  if (verdict === 'notMeasured') return t('precheck.advice.uploadNotMeasured');
  if (verdict === 'belowMinimum') return t(`precheck.advice.${direction}`, { min: mbit(min, lang) });
  if (verdict === 'belowRecommended') return t(`precheck.advice.${direction}Low`, { recommended: mbit(recommended, lang) });
  return undefined;
}
