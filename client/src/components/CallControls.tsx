import { useTranslation } from 'react-i18next';

interface Props {
  micMuted: boolean;
  camMuted: boolean;
  onToggleMic: () => void;
  onToggleCam: () => void;
  onHangUp: () => void;
}

export function CallControls({ micMuted, camMuted, onToggleMic, onToggleCam, onHangUp }: Props) {
  const { t } = useTranslation();
  return (
    <div className="call-controls" role="toolbar" aria-label={t('call.title')}>
      <button type="button" className="control" aria-pressed={micMuted} onClick={onToggleMic}>
        <span aria-hidden="true" className="icon">{micMuted ? '🔇' : '🎤'}</span>
        {micMuted ? t('call.unmuteMic') : t('call.muteMic')}
      </button>
      <button type="button" className="control" aria-pressed={camMuted} onClick={onToggleCam}>
        <span aria-hidden="true" className="icon">{camMuted ? '🚫' : '📷'}</span>
        {camMuted ? t('call.startCam') : t('call.stopCam')}
      </button>
      <button type="button" className="control danger" onClick={onHangUp}>
        <span aria-hidden="true" className="icon">📞</span>
        {t('call.hangUp')}
      </button>
    </div>
  );
}
