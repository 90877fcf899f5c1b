import { useEffect, useRef, type ReactNode } from 'react';

interface Props {
  track: MediaStreamTrack | undefined;
  label: string;
  /** Own preview: mirrored, never played back. */
  self?: boolean;
  videoOff?: boolean;
  videoOffText?: string;
  micOff?: boolean;
  micOffText?: string;
  peerId?: string;
  /** Drawn over the picture (e.g. the quality indicator). */
  children?: ReactNode;
  className?: string;
}

export function VideoTile({ track, label, self = false, videoOff = false, videoOffText, micOff = false, micOffText, peerId, children, className }: Props) {
  const ref = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    const video = ref.current;
    if (!video) return;
    video.srcObject = track ? new MediaStream([track]) : null;
  }, [track]);
  return (
    <figure className={`video-tile${self ? ' self' : ''}${className ? ` ${className}` : ''}`} data-peer-id={peerId}>
      <video ref={ref} autoPlay playsInline muted aria-label={label} className={videoOff || !track ? 'hidden' : undefined} />
      {(videoOff || !track) && (
        <div className="video-off" aria-hidden="true">
          <span className="avatar">{label.slice(0, 1).toUpperCase()}</span>
        </div>
      )}
      {children}
      <figcaption>
        <span className="tile-name">{label}</span>
        {videoOff && videoOffText && <span className="badge">{videoOffText}</span>}
        {micOff && micOffText && <span className="badge">{micOffText}</span>}
      </figcaption>
    </figure>
  );
}
