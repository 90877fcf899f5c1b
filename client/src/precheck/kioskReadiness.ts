import type { ItemVerdict } from '@kanava/shared';
import type { LocalPrecheck } from './PrecheckRunner.ts';

/** What the kiosk's start page says about its own check: ready, ready with a note, or what is wrong. */
export type ReadinessStatus = 'ready' | 'warning' | 'problem';

export type ReadinessKey =
  | 'cameraMissing'
  | 'cameraSmall'
  | 'micMissing'
  | 'micSilent'
  | 'uploadSlow'
  | 'uploadBelowRecommended'
  | 'downloadSlow'
  | 'downloadBelowRecommended';

export interface ReadinessLine {
  key: ReadinessKey;
  values: Record<string, number>;
}

export interface Readiness {
  status: ReadinessStatus;
  /** One line per item that is not good, in the order the advisor would fix them. */
  lines: ReadinessLine[];
}

function throughputLine(
  verdict: ItemVerdict,
  kbps: number,
  min: number,
  recommended: number,
  slow: ReadinessKey,
  belowRecommended: ReadinessKey,
): ReadinessLine[] {
  if (verdict === 'belowMinimum') return [{ key: slow, values: { kbps: Math.round(kbps), min } }];
  if (verdict === 'belowRecommended') return [{ key: belowRecommended, values: { kbps: Math.round(kbps), recommended } }];
  return [];
}

/**
 * The advisor's reading of a check run on the kiosk's start page: the same verdict as the customer's
 * check (assessPrecheck), in figures ("250 kbit/s measured, 384 needed") rather than advice.
 */
export function readinessOf(result: LocalPrecheck): Readiness {
  const { verdict, camera, network, policy } = result;
  const lines: ReadinessLine[] = [];
  if (verdict.camera === 'unavailable') lines.push({ key: 'cameraMissing', values: {} });
  else if (verdict.camera === 'belowMinimum' && camera.status === 'measured') {
    lines.push({
      key: 'cameraSmall',
      values: {
        width: camera.width,
        height: camera.height,
        fps: Math.round(camera.frameRate),
        minWidth: policy.camera.minWidth,
        minHeight: policy.camera.minHeight,
        minFps: policy.camera.minFrameRate,
      },
    });
  }
  if (verdict.microphone === 'unavailable') lines.push({ key: 'micMissing', values: {} });
  else if (verdict.microphone === 'belowMinimum') lines.push({ key: 'micSilent', values: {} });
  lines.push(
    ...throughputLine(verdict.upload, network.upKbps, policy.network.minUpKbps, policy.network.recommendedUpKbps, 'uploadSlow', 'uploadBelowRecommended'),
    ...throughputLine(verdict.download, network.downKbps, policy.network.minDownKbps, policy.network.recommendedDownKbps, 'downloadSlow', 'downloadBelowRecommended'),
  );
  const status: ReadinessStatus = verdict.overall === 'good' ? 'ready' : verdict.overall === 'belowRecommended' ? 'warning' : 'problem';
  return { status, lines };
}
