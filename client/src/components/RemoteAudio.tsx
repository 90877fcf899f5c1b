import { useEffect, useRef } from 'react';

/** Plays one participant's voice; kept apart from the video so a hidden picture never silences it. */
export function RemoteAudio({ track }: { track: MediaStreamTrack | undefined }) {
  const ref = useRef<HTMLAudioElement>(null);
  useEffect(() => {
    const audio = ref.current;
    if (!audio) return;
    audio.srcObject = track ? new MediaStream([track]) : null;
    if (track) void audio.play().catch(() => undefined);
  }, [track]);
  return <audio ref={ref} autoPlay />;
}
