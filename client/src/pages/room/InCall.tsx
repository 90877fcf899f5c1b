import { useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallSession } from '../../call/CallSession.ts';
import { CallControls } from '../../components/CallControls.tsx';
import { RemoteAudio } from '../../components/RemoteAudio.tsx';
import { VideoTile } from '../../components/VideoTile.tsx';
import { formatClock } from '../../format.ts';
import { ChatPanel } from './ChatPanel.tsx';
import { DocumentPanel } from './DocumentPanel.tsx';
import { FormPanel } from './FormPanel.tsx';
import { LobbyPanel } from './LobbyPanel.tsx';
import { ContentShareControls } from '../../quality/ContentShare.tsx';
import { LobbyPrechecks } from '../../quality/LobbyPrechecks.tsx';
import { QualityAnnouncer } from '../../quality/QualityAnnouncer.tsx';
import { QualityBadge } from '../../quality/QualityBadge.tsx';
import { useCallQuality } from '../../quality/useCallQuality.ts';
import type { CallQualitySnapshot } from '../../quality/CallQuality.ts';
import type { PeerId, WaitingCustomer } from '@kanava/shared';
import { EndOfServicePanel } from '../../events/EndOfServicePanel.tsx';

interface Props {
  session: CallSession;
  onLeft: () => void;
}

/** Block mode: waiting customers whose check is below the minimum and whom nobody has let in yet. */
function heldCustomers(lobby: readonly WaitingCustomer[], quality: CallQualitySnapshot): Set<PeerId> {
  return new Set(
    lobby.filter((w) => {
      const precheck = quality.prechecks.get(w.peerId);
      return precheck !== undefined && !precheck.verdict.admissible && !quality.overrides.has(w.peerId);
    }).map((w) => w.peerId),
  );
}

/** The call itself: everyone's picture and voice, controls, and for staff the lobby and the service. */
export function InCall({ session, onLeft }: Props) {
  const { t, i18n } = useTranslation();
  const call = useSyncExternalStore(session.subscribe, session.getSnapshot);
  const localVideo = session.localVideoTrack;
  const isStaff = call.role === 'expert' || call.role === 'advisor';
  const isCustomer = call.role === 'customer';
  const quality = useCallQuality(session.quality);
  const self = quality.selfPeerId;

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
      <QualityAnnouncer incidents={quality.incidents} nameOf={(peerId) => (peerId === self ? undefined : call.participants.find((p) => p.peerId === peerId)?.displayName)} />
      {isStaff && call.session && (
        <p className="session-banner">{t('lobby.sessionRunning', { by: call.session.admittedBy, clock: formatClock(call.session.startedAt, i18n.language) })}</p>
      )}
      {isStaff && call.advisorCalledAt && (
        <p className="advisor-banner" role="alert">
          {t('lobby.advisorCalledBanner', { clock: formatClock(call.advisorCalledAt, i18n.language) })}
        </p>
      )}
      {isStaff && <EndOfServicePanel session={call.session} />}
      <div className={isStaff ? 'call-layout with-panel' : 'call-layout'}>
        <div className="video-grid" data-count={call.participants.length + 1}>
          {call.participants.map((p) => (
            <VideoTile
              key={p.peerId}
              peerId={p.peerId}
              track={p.connectionLost ? undefined : p.video}
              label={`${p.displayName} (${t(`role.${p.role}`)})`}
              videoOff={p.videoPaused || p.connectionLost}
              videoOffText={p.connectionLost ? t('lobby.peerConnectionLost') : t('call.camOff')}
              micOff={p.audioPaused && !p.connectionLost}
              micOffText={t('call.micOff')}
            >
              <QualityBadge quality={quality.participants.get(p.peerId)} precheck={quality.prechecks.get(p.peerId)} />
            </VideoTile>
          ))}
          {call.participants.map(
            (p) =>
              p.content && (
                <VideoTile
                  key={`${p.peerId}-content`}
                  className="content-tile"
                  track={p.content.track}
                  label={t(p.content.source === 'screen' ? 'quality.share.screenOf' : 'quality.share.documentCameraOf', { name: p.displayName })}
                />
              ),
          )}
          <VideoTile track={localVideo} label={t('call.you')} self videoOff={call.camMuted} videoOffText={t('call.camOff')} micOff={call.micMuted} micOffText={t('call.micOff')}>
            <QualityBadge quality={self ? quality.participants.get(self) : undefined} precheck={quality.ownPrecheck} />
          </VideoTile>
        </div>
        {isStaff && (
          <LobbyPanel
            waiting={call.lobby}
            canAdmit={call.role === 'expert' && call.phase === 'inCall'}
            onAdmit={(peerId) => session.admit(peerId)}
            onDecline={(peerId, reason) => session.decline(peerId, reason)}
            held={heldCustomers(call.lobby, quality)}
            onOverride={async (peerId, reason) => {
              await session.quality.override(peerId, reason);
              if (call.role === 'expert' && call.phase === 'inCall') await session.admit(peerId);
            }}
          />
        )}
        {isStaff && <LobbyPrechecks waiting={call.lobby} prechecks={quality.prechecks} overrides={quality.overrides} />}
      </div>
      <ChatPanel messages={call.chat} open={call.session !== null && call.phase === 'inCall'} selfPeerId={call.selfPeerId} onSend={(text) => session.sendChat(text)} />
      {/* Kept mounted through a dropped connection: a form typed in offline is handed over on return. */}
      <DocumentPanel documents={session.documents} isStaff={isStaff} open={call.session !== null && (call.phase === 'inCall' || call.phase === 'reconnecting')} selfPeerId={call.selfPeerId} />
      <FormPanel forms={session.forms} isStaff={isStaff} open={call.session !== null && (call.phase === 'inCall' || call.phase === 'reconnecting')} />
      {call.participants.map((p) => (
        <RemoteAudio key={p.peerId} track={p.audio} />
      ))}
      {isCustomer && (
        <div className="customer-help">
          <button type="button" className="advisor-button" onClick={() => void session.callAdvisor()}>
            <span aria-hidden="true" className="icon">🙋</span>
            {t('lobby.callAdvisor')}
          </button>
          <p role="status">{call.advisorCalledAt ? t('lobby.advisorCalled') : ''}</p>
        </div>
      )}
      <CallControls
        micMuted={call.micMuted}
        camMuted={call.camMuted}
        onToggleMic={() => void session.setMicMuted(!call.micMuted)}
        onToggleCam={() => void session.setCamMuted(!call.camMuted)}
        onHangUp={() => {
          void session.hangUp();
          onLeft();
        }}
        {...(call.role === 'expert' && call.session ? { onEndService: () => void session.endSession() } : {})}
      />
      {call.phase === 'inCall' && <ContentShareControls session={session} cameraTrack={localVideo} />}
    </section>
  );
}
