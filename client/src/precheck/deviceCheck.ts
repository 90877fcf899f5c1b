import type { CameraCheck, MicrophoneCheck } from '@kanava/shared';

/** Long enough for a 30 fps camera to show its rate within a frame or two, short enough to run beside the network check. */
export const DEVICE_CHECK_MS = 2500;

interface TrackWithStats extends MediaStreamTrack {
  /** Chrome 121+: frames the source delivered (MediaStreamTrackVideoStats). */
  stats?: { deliveredFrames: number; totalFrames: number };
}

/** Size of the frames the camera actually delivers, read from a playing <video> (not the requested or reported settings). */
function deliveredSize(track: MediaStreamTrack, signal: AbortSignal): Promise<{ width: number; height: number } | undefined> {
  const video = document.createElement('video');
  video.muted = true;
  video.playsInline = true;
  video.srcObject = new MediaStream([track]);
  return new Promise((resolve) => {
    const done = (size: { width: number; height: number } | undefined) => {
      clearTimeout(timeout);
      video.srcObject = null;
      resolve(size);
    };
    const timeout = setTimeout(() => done(undefined), DEVICE_CHECK_MS + 2000);
    signal.addEventListener('abort', () => done(undefined), { once: true });
    video.addEventListener('resize', () => {
      if (video.videoWidth > 0) done({ width: video.videoWidth, height: video.videoHeight });
    });
    void video.play().catch(() => undefined);
  });
}

/** Frames per second the camera delivered over the check, from the track's own frame counter where the browser has one. */
async function deliveredFrameRate(track: TrackWithStats, signal: AbortSignal): Promise<number | undefined> {
  const stats = track.stats;
  if (stats) {
    const t0 = performance.now();
    const f0 = stats.totalFrames;
    await wait(DEVICE_CHECK_MS, signal);
    const t1 = performance.now();
    return ((track.stats?.totalFrames ?? f0) - f0) / ((t1 - t0) / 1000);
  }
  // Elsewhere (Firefox): the frames a <video> presented, from requestVideoFrameCallback's own counter, which
  // keeps counting when a busy page misses callbacks (the upload test encodes beside it).
  const video = document.createElement('video');
  video.muted = true;
  video.playsInline = true;
  video.srcObject = new MediaStream([track]);
  if (typeof video.requestVideoFrameCallback !== 'function') return undefined;
  let first: { at: number; presented: number } | undefined;
  let last: { at: number; presented: number } | undefined;
  const onFrame = (now: number, frame: VideoFrameCallbackMetadata) => {
    last = { at: now, presented: frame.presentedFrames };
    first ??= last;
    if (!signal.aborted) video.requestVideoFrameCallback(onFrame);
  };
  video.requestVideoFrameCallback(onFrame);
  await video.play().catch(() => undefined);
  await wait(DEVICE_CHECK_MS, signal);
  video.srcObject = null;
  if (!first || !last || last.at <= first.at) return 0;
  return (last.presented - first.presented) / ((last.at - first.at) / 1000);
}

export async function checkCamera(stream: MediaStream, signal: AbortSignal): Promise<CameraCheck> {
  const track = stream.getVideoTracks()[0];
  if (!track || track.readyState !== 'live') return { status: 'unavailable' };
  const [size, rate] = await Promise.all([deliveredSize(track, signal), deliveredFrameRate(track, signal)]);
  if (!size || rate === undefined) return { status: 'unavailable' };
  return { status: 'measured', width: size.width, height: size.height, frameRate: Math.round(rate * 10) / 10 };
}

/** How long Web Audio may take to start. Firefox never resolves resume() where it cannot open a sound output. */
const AUDIO_START_MS = 1500;

/**
 * The loudest moment of the microphone over the check (0–1 of full scale). An AudioContext
 * may start suspended until the page has had a click; it is resumed, and a microphone we
 * could not listen to is reported as not measured rather than silent or missing.
 */
export async function checkMicrophone(stream: MediaStream, signal: AbortSignal): Promise<MicrophoneCheck> {
  const track = stream.getAudioTracks()[0];
  if (!track || track.readyState !== 'live') return { status: 'unavailable' };
  const context = new AudioContext();
  try {
    await Promise.race([context.resume().catch(() => undefined), wait(AUDIO_START_MS, signal)]);
    if (context.state !== 'running') return { status: 'notMeasured' };
    const analyser = context.createAnalyser();
    analyser.fftSize = 2048;
    context.createMediaStreamSource(new MediaStream([track])).connect(analyser);
    const buffer = new Float32Array(analyser.fftSize);
    let peak = 0;
    const end = performance.now() + DEVICE_CHECK_MS;
    while (performance.now() < end && !signal.aborted) {
      analyser.getFloatTimeDomainData(buffer);
      for (const v of buffer) peak = Math.max(peak, Math.abs(v));
      await wait(40, signal);
    }
    return { status: 'measured', peakLevel: Math.min(1, Math.round(peak * 1000) / 1000) };
  } finally {
    void context.close();
  }
}

function wait(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const t = setTimeout(resolve, ms);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(t);
        resolve();
      },
      { once: true },
    );
  });
}
