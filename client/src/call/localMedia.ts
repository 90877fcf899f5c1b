/** Camera asked at the operating guide's minimum: 1280×720 at 30 fps. */
export const cameraConstraints: MediaTrackConstraints = {
  width: { ideal: 1280 },
  height: { ideal: 720 },
  frameRate: { ideal: 30 },
};

export const microphoneConstraints: MediaTrackConstraints = {
  echoCancellation: true,
  noiseSuppression: true,
  autoGainControl: true,
};

export type LocalMediaError = 'denied' | 'missing' | 'unsupported' | 'insecure';

export async function openLocalMedia(): Promise<MediaStream> {
  // Browsers hide the camera from plain-http pages other than localhost: say so instead of "unsupported",
  // it is the first thing anyone trying Kanava from another machine meets.
  if (globalThis.isSecureContext === false) throw localMediaError('insecure');
  if (!navigator.mediaDevices?.getUserMedia) throw localMediaError('unsupported');
  try {
    return await navigator.mediaDevices.getUserMedia({ audio: microphoneConstraints, video: cameraConstraints });
  } catch (err) {
    const name = err instanceof DOMException ? err.name : '';
    if (name === 'NotAllowedError' || name === 'SecurityError') throw localMediaError('denied');
    if (name === 'NotFoundError' || name === 'OverconstrainedError') throw localMediaError('missing');
    throw localMediaError('unsupported');
  }
}

export class LocalMediaFailure extends Error {
  readonly reason: LocalMediaError;
  constructor(reason: LocalMediaError) {
    super(`local media: ${reason}`);
    this.reason = reason;
  }
}

function localMediaError(reason: LocalMediaError): LocalMediaFailure {
  return new LocalMediaFailure(reason);
}

/**
 * Simulcast layers for the camera: a slow downlink still gets a moving picture
 * (the SFU forwards the layer each receiver's link carries).
 */
export const cameraEncodings: RTCRtpEncodingParameters[] = [
  { scaleResolutionDownBy: 4, maxBitrate: 120_000, maxFramerate: 30 },
  { scaleResolutionDownBy: 2, maxBitrate: 350_000, maxFramerate: 30 },
  { scaleResolutionDownBy: 1, maxBitrate: 1_000_000, maxFramerate: 30 },
];
