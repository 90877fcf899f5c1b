import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PeerId, WaitingCustomer } from '@kanava/shared';
import { formatClock, formatWaited } from '../../format.ts';
import { useNow } from '../../useNow.ts';
import { WaitingBookingText } from '../booking/WaitingBookingText.tsx';

interface Props {
  waiting: WaitingCustomer[];
  canAdmit: boolean;
  onAdmit: (peerId: PeerId) => Promise<void>;
  onDecline: (peerId: PeerId, reason: string) => Promise<void>;
  /** Block mode: customers whose check is below the minimum; letting them in needs a recorded reason. */
  held?: ReadonlySet<PeerId>;
  /** Lets a held customer in (experts: and admits them), recording the reason. */
  onOverride?: (peerId: PeerId, reason: string) => Promise<void>;
}

/** Staff's view of the point's lobby: who waits, for how long, and the admit/decline decision. */
export function LobbyPanel({ waiting, canAdmit, onAdmit, onDecline, held, onOverride }: Props) {
  const { t, i18n } = useTranslation();
  const now = useNow();
  const [declining, setDeclining] = useState<PeerId | undefined>();
  const [overriding, setOverriding] = useState<PeerId | undefined>();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | undefined>();
  const reasonId = useId();
  const overrideId = useId();
  const overrideHelpId = useId();

  const run = async (action: () => Promise<void>) => {
    setError(undefined);
    try {
      await action();
    } catch (err) {
      setError(err instanceof Error ? err.message : t('errors.generic'));
    }
  };

  return (
    <section className="lobby-panel" aria-labelledby="lobby-panel-title">
      <h2 id="lobby-panel-title">
        {t('lobby.waitingTitle')} ({waiting.length})
      </h2>
      {waiting.length === 0 && <p>{t('lobby.nobodyWaiting')}</p>}
      <ul>
        {waiting.map((w) => (
          <li key={w.peerId} className="waiting-customer">
            <div>
              <strong>{w.displayName}</strong>{' '}
              <span className="muted">{t('lobby.waitingSince', { time: formatWaited(w.since, now), clock: formatClock(w.since, i18n.language) })}</span>
              {w.connectionLost && <span className="badge">{t('lobby.connectionLost')}</span>}
              {w.booking && <WaitingBookingText booking={w.booking} />}
              {held?.has(w.peerId) && <span className="badge badge-held">{t('quality.override.heldBadge')}</span>}
            </div>
            {held?.has(w.peerId) && onOverride && overriding !== w.peerId && declining !== w.peerId && (
              <div className="actions">
                <button type="button" className="primary" onClick={() => setOverriding(w.peerId)}>
                  {canAdmit ? t('quality.override.admitWithReason') : t('quality.override.allowWithReason')}
                </button>
                {canAdmit && (
                  <button type="button" onClick={() => setDeclining(w.peerId)}>
                    {t('lobby.decline')}
                  </button>
                )}
              </div>
            )}
            {overriding === w.peerId && onOverride && (
              <form
                className="decline-form"
                onSubmit={(e) => {
                  e.preventDefault();
                  void run(async () => {
                    await onOverride(w.peerId, reason.trim());
                    setOverriding(undefined);
                    setReason('');
                  });
                }}
              >
                <label htmlFor={overrideId}>{t('quality.override.reasonLabel')}</label>
                <input id={overrideId} aria-describedby={overrideHelpId} value={reason} required minLength={3} maxLength={300} onChange={(e) => setReason(e.target.value)} />
                <p id={overrideHelpId} className="help">
                  {t('quality.override.reasonHelp')}
                </p>
                <button type="submit" className="primary" disabled={reason.trim().length < 3}>
                  {canAdmit ? t('quality.override.confirmAdmit') : t('quality.override.confirmAllow')}
                </button>
                <button type="button" onClick={() => setOverriding(undefined)}>
                  {t('lobby.cancel')}
                </button>
              </form>
            )}
            {canAdmit && declining !== w.peerId && !held?.has(w.peerId) && (
              <div className="actions">
                <button type="button" className="primary" onClick={() => void run(() => onAdmit(w.peerId))}>
                  {t('lobby.admit')}
                </button>
                <button type="button" onClick={() => setDeclining(w.peerId)}>
                  {t('lobby.decline')}
                </button>
              </div>
            )}
            {declining === w.peerId && (
              <form
                className="decline-form"
                onSubmit={(e) => {
                  e.preventDefault();
                  void run(async () => {
                    await onDecline(w.peerId, reason.trim());
                    setDeclining(undefined);
                    setReason('');
                  });
                }}
              >
                <label htmlFor={reasonId}>{t('lobby.declineReasonLabel')}</label>
                <input id={reasonId} value={reason} required maxLength={300} onChange={(e) => setReason(e.target.value)} />
                <button type="submit" className="danger" disabled={reason.trim().length === 0}>
                  {t('lobby.declineConfirm')}
                </button>
                <button type="button" onClick={() => setDeclining(undefined)}>
                  {t('lobby.cancel')}
                </button>
              </form>
            )}
          </li>
        ))}
      </ul>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
    </section>
  );
}
