/**
 * An incompressible test video for the upload check: a canvas of random pixels. An encoder
 * cannot squeeze noise, so it sends whatever its bitrate allows (a camera picture of a quiet
 * room would be sent at a fraction of the link and measure the picture, not the link).
 */
export interface NoiseVideo {
  track: MediaStreamTrack;
  stop(): void;
}

const WIDTH = 640;
const HEIGHT = 360;
const FPS = 30;
/** A few prepared noise frames, cycled: making new random pixels 30 times a second would cost more CPU than encoding. */
const FRAMES = 6;

export function startNoiseVideo(): NoiseVideo {
  const canvas = document.createElement('canvas');
  canvas.width = WIDTH;
  canvas.height = HEIGHT;
  const g = canvas.getContext('2d');
  if (!g) throw new Error('no 2d canvas');
  const frames = Array.from({ length: FRAMES }, () => {
    const image = g.createImageData(WIDTH, HEIGHT);
    // getRandomValues fills at most 65536 bytes per call.
    for (let i = 0; i < image.data.length; i += 65536) crypto.getRandomValues(image.data.subarray(i, Math.min(i + 65536, image.data.length)));
    return image;
  });
  let n = 0;
  const paint = () => {
    const frame = frames[n++ % FRAMES];
    if (frame) g.putImageData(frame, 0, 0);
  };
  paint();
  const timer = window.setInterval(paint, 1000 / FPS);
  const track = canvas.captureStream(FPS).getVideoTracks()[0];
  if (!track) {
    window.clearInterval(timer);
    throw new Error('canvas capture gave no track');
  }
  return {
    track,
    stop() {
      window.clearInterval(timer);
      track.stop();
    },
  };
}
