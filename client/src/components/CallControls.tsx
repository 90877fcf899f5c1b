import { useTranslation } from 'react-i18next';

interface Props {
  micMuted: boolean;
  camMuted: boolean;
  onToggleMic: () => void;
  onToggleCam: () => void;
  onHangUp: () => void;
  /** Experts only, while a service runs. */
  onEndService?: () => void;
}

export function CallControls({ micMuted, camMuted, onToggleMic, onToggleCam, onHangUp, onEndService }: Props) {
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
      {onEndService && (
        <button type="button" className="control" onClick={onEndService}>
          <span aria-hidden="true" className="icon">✅</span>
          {t('lobby.endService')}
        </button>
      )}
      <button type="button" className="control danger" onClick={onHangUp}>
        <span aria-hidden="true" className="icon">📞</span>
        {t('call.hangUp')}
      </button>
    </div>
  );
}
