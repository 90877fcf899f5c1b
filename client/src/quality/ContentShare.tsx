import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallSession } from '../call/CallSession.ts';
import { documentCameraOf, openDocumentCamera, openScreen, type ContentSource } from './contentShare.ts';
import './quality.css';

/** Buttons to show a document camera (when the device has a second camera) or share the screen. */
export function ContentShareControls({ session, cameraTrack }: { session: CallSession; cameraTrack: MediaStreamTrack | undefined }) {
  const { t } = useTranslation();
  // Shown again after a reconnect: what the session still shares (and sends again) is pressed.
  const [sharing, setSharing] = useState<Record<ContentSource, boolean>>(() => ({
    screen: session.contentTrack('screen') !== undefined,
    documentCamera: session.contentTrack('documentCamera') !== undefined,
  }));
  const [documentCamera, setDocumentCamera] = useState<string | undefined>();
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    let cancelled = false;
    void documentCameraOf(cameraTrack).then((device) => {
      if (!cancelled) setDocumentCamera(device?.deviceId);
    });
    return () => {
      cancelled = true;
    };
  }, [cameraTrack]);

  // The browser's own "stop sharing" ends the track (the session stops sending it then).
  useEffect(() => {
    const offs = (['screen', 'documentCamera'] as const).flatMap((source) => {
      const track = sharing[source] ? session.contentTrack(source) : undefined;
      if (!track) return [];
      const ended = () => setSharing((s) => ({ ...s, [source]: false }));
      track.addEventListener('ended', ended, { once: true });
      return [() => track.removeEventListener('ended', ended)];
    });
    return () => offs.forEach((off) => off());
  }, [session, sharing]);

  const toggle = async (source: ContentSource) => {
    setFailed(false);
    try {
      if (sharing[source]) {
        await session.stopContent(source);
        setSharing((s) => ({ ...s, [source]: false }));
        return;
      }
      const track = source === 'screen' ? await openScreen() : documentCamera ? await openDocumentCamera(documentCamera) : undefined;
      if (!track) return;
      await session.startContent(source, track);
      setSharing((s) => ({ ...s, [source]: true }));
    } catch {
      setFailed(true);
    }
  };

  return (
    <div className="content-controls">
      {documentCamera && (
        <button type="button" aria-pressed={sharing.documentCamera} onClick={() => void toggle('documentCamera')}>
          {sharing.documentCamera ? t('quality.share.stopDocumentCamera') : t('quality.share.documentCamera')}
        </button>
      )}
      {typeof navigator.mediaDevices?.getDisplayMedia === 'function' && (
        <button type="button" aria-pressed={sharing.screen} onClick={() => void toggle('screen')}>
          {sharing.screen ? t('quality.share.stopScreen') : t('quality.share.screen')}
        </button>
      )}
      <p role="status">{failed ? t('quality.share.failed') : ''}</p>
    </div>
  );
}
