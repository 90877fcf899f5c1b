import { useTranslation } from 'react-i18next';
import type { ParticipantQuality, PrecheckResult } from '@kanava/shared';
import { fps, mbit } from './formatFigures.ts';
import './quality.css';

interface Props {
  quality: ParticipantQuality | undefined;
  precheck: PrecheckResult | undefined;
}

/**
 * On a participant's tile: a flag while they are below the minimum (or recovering), and
 * their figures behind a disclosure (the expert reads them; everyone may).
 */
export function QualityBadge({ quality, precheck }: Props) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  if (!quality && !precheck) return null;
  const state = quality?.state ?? 'ok';
  const flagged = state === 'incident' || state === 'recovered';
  const f = quality?.figures;
  const none = t('quality.unknown');
  const speed = (kbps: number | null | undefined) => (kbps == null ? none : t('precheck.value.speed', { mbit: mbit(kbps, lang) }));
  const video = (v: { width: number; height: number; frameRate: number } | null | undefined) =>
    v ? t('precheck.value.camera', { width: v.width, height: v.height, fps: fps(v.frameRate, lang) }) : none;
  return (
    <div className="quality-badge" data-quality-state={state} data-settling={quality?.settling ?? true}>
      {flagged && (
        <span className={`quality-flag ${state}`} title={quality?.reasons.map((r) => t(`quality.reason.${r}`)).join(', ')}>
          {t(`quality.badge.${state}`)}
        </span>
      )}
      <details className="quality-details">
        <summary>{t('quality.figures')}</summary>
        <dl>
          <dt>{t('quality.figure.up')}</dt>
          <dd data-figure="up">{speed(f?.upKbps)}</dd>
          <dt>{t('quality.figure.down')}</dt>
          <dd data-figure="down">{speed(f?.downKbps)}</dd>
          <dt>{t('quality.figure.camera')}</dt>
          <dd>{video(f?.camera)}</dd>
          <dt>{t('quality.figure.sent')}</dt>
          <dd data-figure="sent">{video(f?.sent)}</dd>
          <dt>{t('quality.figure.rtt')}</dt>
          <dd>{f?.rttMs == null ? none : t('precheck.value.rtt', { ms: f.rttMs })}</dd>
          <dt>{t('quality.figure.score')}</dt>
          <dd>
            {f?.score == null ? none : `↑ ${t('quality.scoreValue', { score: f.score })}`} {f?.recvScore == null ? '' : `↓ ${t('quality.scoreValue', { score: f.recvScore })}`}
          </dd>
          <dt>{t('quality.limitation.label')}</dt>
          <dd data-figure="limitation">{f?.sendLimitation == null ? none : t(`quality.limitation.${f.sendLimitation}`)}</dd>
          {precheck && (
            <>
              <dt>{t('quality.figure.precheck')}</dt>
              <dd data-figure="precheck" data-verdict={precheck.verdict.overall}>
                {t(`precheck.summary.${precheck.verdict.overall}`)} ↑ {speed(precheck.network.upKbps)} ↓ {speed(precheck.network.downKbps)}
              </dd>
            </>
          )}
        </dl>
      </details>
    </div>
  );
}
