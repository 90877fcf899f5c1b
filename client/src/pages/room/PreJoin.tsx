import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LocalMediaFailure, openLocalMedia } from '../../call/localMedia.ts';
import { VideoTile } from '../../components/VideoTile.tsx';
import { PrecheckPanel } from '../../precheck/PrecheckPanel.tsx';
import { usePrecheck } from '../../precheck/usePrecheck.ts';

/** What the page says when the camera and microphone cannot be opened (also on the kiosk's start page). */
export const deviceFailureText = {
  missing: 'prejoin.devicesMissing',
  denied: 'prejoin.devicesDenied',
  insecure: 'prejoin.devicesInsecure',
  unsupported: 'errors.mediaUnavailable',
} as const satisfies Record<LocalMediaFailure['reason'], string>;

type Devices = { kind: 'asking' } | { kind: 'ready'; stream: MediaStream } | { kind: 'failed'; reason: LocalMediaFailure['reason'] };

interface Props {
  pointName: string;
  /** Signed-in staff join under their account's name; customers may give one. */
  staffName?: string | undefined;
  joinLabel?: string;
  onJoin: (displayName: string, stream: MediaStream) => void;
}

export function PreJoin({ pointName, staffName, joinLabel, onJoin }: Props) {
  const { t } = useTranslation();
  const nameId = useId();
  const helpId = useId();
  const [devices, setDevices] = useState<Devices>({ kind: 'asking' });
  const [name, setName] = useState('');
  const [attempt, setAttempt] = useState(0);
  const precheck = usePrecheck(devices.kind === 'ready' ? devices.stream : undefined);

  useEffect(() => {
    let cancelled = false;
    let opened: MediaStream | undefined;
    setDevices({ kind: 'asking' });
    openLocalMedia().then(
      (stream) => {
        opened = stream;
        if (cancelled) stream.getTracks().forEach((tr) => tr.stop());
        else setDevices({ kind: 'ready', stream });
      },
      (err: unknown) => {
        if (!cancelled) setDevices({ kind: 'failed', reason: err instanceof LocalMediaFailure ? err.reason : 'unsupported' });
      },
    );
    return () => {
      cancelled = true;
      // Handed over to the call when joining; otherwise the camera light must go off.
      if (opened && !handedOver.has(opened)) opened.getTracks().forEach((tr) => tr.stop());
    };
  }, [attempt]);

  const join = () => {
    if (devices.kind !== 'ready') return;
    handedOver.add(devices.stream);
    const { stream } = devices;
    precheck.joinWhenSettled(() => onJoin(staffName ?? (name.trim() || t('prejoin.defaultName')), stream));
  };

  return (
    <section className="prejoin" aria-labelledby="prejoin-title">
      <h1 id="prejoin-title">{t('prejoin.title')}</h1>
      <p className="lead">{pointName}</p>
      <div className="prejoin-grid">
        <VideoTile track={devices.kind === 'ready' ? devices.stream.getVideoTracks()[0] : undefined} label={t('prejoin.preview')} self />
        <form
          className="prejoin-form"
          onSubmit={(e) => {
            e.preventDefault();
            join();
          }}
        >
          {devices.kind === 'asking' && <p role="status">{t('prejoin.askingDevices')}</p>}
          {devices.kind === 'failed' && (
            <div role="alert" className="error">
              <p>{t(deviceFailureText[devices.reason])}</p>
              <button type="button" onClick={() => setAttempt((a) => a + 1)}>
                {t('prejoin.retry')}
              </button>
            </div>
          )}
          {staffName === undefined && (
            <>
              <label htmlFor={nameId}>{t('prejoin.nameLabel')}</label>
              <input id={nameId} aria-describedby={helpId} value={name} maxLength={60} autoComplete="off" onChange={(e) => setName(e.target.value)} />
              <p id={helpId} className="help">
                {t('prejoin.nameHelp')}
              </p>
            </>
          )}
          <button type="submit" className="primary big" disabled={devices.kind !== 'ready'}>
            {joinLabel ?? t('prejoin.join')}
          </button>
          <PrecheckPanel precheck={precheck} />
        </form>
      </div>
    </section>
  );
}

/** Streams passed on to a call; the pre-join screen must not stop them when it goes away. */
const handedOver = new WeakSet<MediaStream>();
