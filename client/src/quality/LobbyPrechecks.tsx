import { useTranslation } from 'react-i18next';
import type { AdmissionOverride, PeerId, PrecheckResult, WaitingCustomer } from '@kanava/shared';
import { mbit } from './formatFigures.ts';
import './quality.css';

/** For the expert beside the lobby: each waiting customer's device and connection check. */
export function LobbyPrechecks({
  waiting,
  prechecks,
  overrides,
}: {
  waiting: readonly WaitingCustomer[];
  prechecks: ReadonlyMap<PeerId, PrecheckResult>;
  /** Block mode: who let a customer below the minimum in, and why. */
  overrides?: ReadonlyMap<PeerId, AdmissionOverride>;
}) {
  const { t, i18n } = useTranslation();
  const checked = waiting.filter((w) => prechecks.has(w.peerId));
  if (checked.length === 0) return null;
  return (
    <section className="precheck lobby-prechecks" aria-label={t('quality.figure.precheck')}>
      <h2>{t('quality.figure.precheck')}</h2>
      <ul>
        {checked.map((w) => {
          const p = prechecks.get(w.peerId);
          if (!p) return null;
          return (
            <li key={w.peerId} data-peer-id={w.peerId} data-verdict={p.verdict.overall}>
              <strong>{w.displayName}</strong>: <span className={`verdict verdict-${p.verdict.overall}`}>{t(`precheck.summary.${p.verdict.overall}`)}</span>{' '}
              ↑ {t('precheck.value.speed', { mbit: mbit(p.network.upKbps, i18n.language) })} ↓ {t('precheck.value.speed', { mbit: mbit(p.network.downKbps, i18n.language) })}
              {p.camera.status === 'measured' && <> · {t('precheck.value.camera', { width: p.camera.width, height: p.camera.height, fps: Math.round(p.camera.frameRate) })}</>}
              {overrides?.get(w.peerId) && (
                <p className="help">{t('quality.override.overridden', { reason: overrides.get(w.peerId)?.reason, by: overrides.get(w.peerId)?.byName })}</p>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
