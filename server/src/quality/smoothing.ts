import type { QualityFigures, VideoFigures } from '@kanava/shared';

/** Three one-second samples: one odd reading (a bandwidth estimate that jumps for a second) does not decide. */
export const SMOOTHING_SAMPLES = 3;
/** The download estimate swings with the SFU's layer switching: its best of five seconds is what is shown. */
export const DOWNLOAD_PEAK_SAMPLES = 5;

function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const m = sorted.length % 2 === 1 ? sorted[mid] : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
  return m ?? null;
}

const present = <T>(values: readonly (T | null)[]): T[] => values.filter((v): v is T => v !== null);

function medianOf(samples: readonly QualityFigures[], pick: (f: QualityFigures) => number | null): number | null {
  const m = median(present(samples.map(pick)));
  return m === null ? null : Math.round(m);
}

function medianVideo(samples: readonly QualityFigures[], pick: (f: QualityFigures) => VideoFigures | null): VideoFigures | null {
  const videos = present(samples.map(pick));
  if (videos.length === 0) return null;
  return {
    width: Math.round(median(videos.map((v) => v.width)) ?? 0),
    height: Math.round(median(videos.map((v) => v.height)) ?? 0),
    frameRate: Math.round((median(videos.map((v) => v.frameRate)) ?? 0) * 10) / 10,
  };
}

/** Rolling median of each figure over the last few samples of one participant (the download: its recent best). */
export class FigureSmoother {
  readonly #window: QualityFigures[] = [];

  push(figures: QualityFigures): QualityFigures {
    this.#window.push(figures);
    if (this.#window.length > DOWNLOAD_PEAK_SAMPLES) this.#window.shift();
    const w = this.#window.slice(-SMOOTHING_SAMPLES);
    const downs = present(this.#window.slice(-DOWNLOAD_PEAK_SAMPLES).map((f) => f.downKbps));
    // The latest sample says whether the participant receives video at all (null: nothing to judge).
    const down = figures.downKbps === null || downs.length === 0 ? null : Math.max(...downs);
    return {
      upKbps: medianOf(w, (f) => f.upKbps),
      downKbps: down,
      camera: medianVideo(w, (f) => f.camera),
      sent: medianVideo(w, (f) => f.sent),
      rttMs: medianOf(w, (f) => f.rttMs),
      score: medianOf(w, (f) => f.score),
      recvScore: medianOf(w, (f) => f.recvScore),
      // CPU limitation in any of the last samples: the encoder was being held back around now.
      sendLimitation: w.some((f) => f.sendLimitation === 'cpu') ? 'cpu' : figures.sendLimitation,
    };
  }
}
