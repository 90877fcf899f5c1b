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

/** Names document cameras go by (IPEVO, CZUR, "visualizer", Finnish and Swedish words). */
const DOCUMENT_CAMERA_NAMES = /document|dokument|asiakirja|visuali[sz]er|ipevo|czur|elmo|doc ?cam/i;

/**
 * The document camera: a video input other than the camera in use. One whose name says so
 * wins; otherwise the last one listed (a document camera is usually the device added to a
 * PC that already had its camera, and browsers list devices in the order they appeared).
 */
export async function documentCameraOf(current: MediaStreamTrack | undefined): Promise<MediaDeviceInfo | undefined> {
  const devices = await navigator.mediaDevices.enumerateDevices();
  const inUse = current?.getSettings().deviceId;
  const others = devices.filter((d) => d.kind === 'videoinput' && d.deviceId !== inUse);
  return others.find((d) => DOCUMENT_CAMERA_NAMES.test(d.label)) ?? others.at(-1);
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
