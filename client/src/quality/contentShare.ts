import type { types } from 'mediasoup-client';

export type ContentSource = 'screen' | 'documentCamera';

/**
 * A document camera or a shared screen is sent for detail: the text must stay readable, so
 * when the link is short the browser lowers the frame rate, never the resolution
 * (contentHint 'detail', degradationPreference 'maintain-resolution'). Three temporal layers
 * (L1T3) let the SFU thin the frame rate further for a receiver on a slow link, where a
 * single full-rate stream would freeze.
 */
export async function produceContent(send: types.Transport, source: ContentSource, track: MediaStreamTrack): Promise<types.Producer> {
  track.contentHint = 'detail';
  const producer = await send.produce({
    track,
    appData: { source },
    stopTracks: false,
    encodings: [{ maxBitrate: source === 'screen' ? 1_200_000 : 1_500_000, maxFramerate: source === 'screen' ? 15 : 30, scalabilityMode: 'L1T3' }],
  });
  const sender = producer.rtpSender;
  if (sender) {
    const params = sender.getParameters();
    params.degradationPreference = 'maintain-resolution';
    await sender.setParameters(params).catch(() => undefined);
  }
  return producer;
}

/** The screen, picked by the person (getDisplayMedia). */
export async function openScreen(): Promise<MediaStreamTrack> {
  const stream = await navigator.mediaDevices.getDisplayMedia({ video: { frameRate: { ideal: 15 } }, audio: false });
  const track = stream.getVideoTracks()[0];
  if (!track) throw new Error('no screen track');
  return track;
}

/** Video inputs other than the camera in use: a document camera is a second camera device. */
export async function otherCameras(current: MediaStreamTrack | undefined): Promise<MediaDeviceInfo[]> {
  const devices = await navigator.mediaDevices.enumerateDevices();
  const inUse = current?.getSettings().deviceId;
  return devices.filter((d) => d.kind === 'videoinput' && d.deviceId !== inUse);
}

/** The document camera at its best resolution: detail matters more than motion. */
export async function openDocumentCamera(deviceId: string): Promise<MediaStreamTrack> {
  const stream = await navigator.mediaDevices.getUserMedia({
    video: { deviceId: { exact: deviceId }, width: { ideal: 1920 }, height: { ideal: 1080 }, frameRate: { ideal: 15 } },
    audio: false,
  });
  const track = stream.getVideoTracks()[0];
  if (!track) throw new Error('no document camera track');
  return track;
}
