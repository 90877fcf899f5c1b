import { useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallSession } from '../../call/CallSession.ts';
import { CallControls } from '../../components/CallControls.tsx';
import { RemoteAudio } from '../../components/RemoteAudio.tsx';
import { VideoTile } from '../../components/VideoTile.tsx';

interface Props {
  session: CallSession;
  onLeft: () => void;
  onRetry: () => void;
}

export function InCall({ session, onLeft, onRetry }: Props) {
  const { t } = useTranslation();
  const call = useSyncExternalStore(session.subscribe, session.getSnapshot);
  const localVideo = session.localVideoTrack;

  if (call.phase === 'failed') {
    return (
      <section className="notice" role="alert">
        <h1>{call.error === 'protocolMismatch' ? t('errors.protocolMismatch') : t('errors.connectionFailed')}</h1>
        <button type="button" className="primary big" onClick={onRetry}>
          {t('prejoin.retry')}
        </button>
      </section>
    );
  }

  return (
    <section className="call" aria-labelledby="call-title" data-phase={call.phase}>
      <h1 id="call-title" className="visually-hidden">
        {t('call.title')}
      </h1>
      <div role="status" aria-live="polite" className="call-status">
        {call.phase === 'joining' && t('prejoin.joining')}
        {call.phase === 'reconnecting' && t('call.reconnecting')}
        {call.phase === 'inCall' && call.participants.length === 0 && t('call.waitingForOthers')}
        {call.phase === 'inCall' && call.participants.length > 0 && t('call.participants', { count: call.participants.length + 1 })}
      </div>
      <div className="video-grid" data-count={call.participants.length + 1}>
        {call.participants.map((p) => (
          <VideoTile
            key={p.peerId}
            peerId={p.peerId}
            track={p.video}
            label={p.displayName}
            videoOff={p.videoPaused}
            videoOffText={t('call.camOff')}
            micOff={p.audioPaused}
            micOffText={t('call.micOff')}
          />
        ))}
        <VideoTile track={localVideo} label={t('call.you')} self videoOff={call.camMuted} videoOffText={t('call.camOff')} micOff={call.micMuted} micOffText={t('call.micOff')} />
      </div>
      {call.participants.map((p) => (
        <RemoteAudio key={p.peerId} track={p.audio} />
      ))}
      <CallControls
        micMuted={call.micMuted}
        camMuted={call.camMuted}
        onToggleMic={() => void session.setMicMuted(!call.micMuted)}
        onToggleCam={() => void session.setCamMuted(!call.camMuted)}
        onHangUp={() => {
          void session.hangUp();
          onLeft();
        }}
      />
    </section>
  );
}
