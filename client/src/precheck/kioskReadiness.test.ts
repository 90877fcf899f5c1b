import { describe, expect, it } from 'vitest';
import { DEFAULT_QUALITY_POLICY, PrecheckIdSchema, assessPrecheck, type CameraCheck, type MicrophoneCheck, type NetworkFigures } from '@kanava/shared';
import type { LocalPrecheck } from './PrecheckRunner.ts';
import { readinessOf } from './kioskReadiness.ts';

const goodCamera: CameraCheck = { status: 'measured', width: 1280, height: 720, frameRate: 30 };
const goodMic: MicrophoneCheck = { status: 'measured', peakLevel: 0.4 };
const network = (upKbps: number, downKbps: number): NetworkFigures => ({ upKbps, upAtCeiling: false, downKbps, downAtCeiling: false, rttMs: 20 });

function check(camera: CameraCheck, microphone: MicrophoneCheck, figures: NetworkFigures): LocalPrecheck {
  return {
    precheckId: PrecheckIdSchema.parse('8d1f2a8e-3c1b-4f7a-9a55-0b7d1c2e3f40'),
    durationMs: 7000,
    camera,
    microphone,
    network: figures,
    verdict: assessPrecheck({ camera, microphone, network: figures }, DEFAULT_QUALITY_POLICY),
    policy: DEFAULT_QUALITY_POLICY,
  };
}

describe('the kiosk start page’s reading of its own check', () => {
  it('is ready with nothing to say when everything meets the recommendation', () => {
    expect(readinessOf(check(goodCamera, goodMic, network(2000, 2000)))).toEqual({ status: 'ready', lines: [] });
  });

  it('says the measured and needed figures of a link below the minimum (the journey’s “250 measured, 384 needed”)', () => {
    const r = readinessOf(check(goodCamera, goodMic, network(250, 2000)));
    expect(r.status).toBe('problem');
    expect(r.lines).toEqual([{ key: 'uploadSlow', values: { kbps: 250, min: 384 } }]);
  });

  it('is ready with a note below the recommendation, and names the direction', () => {
    const r = readinessOf(check(goodCamera, goodMic, network(2000, 500)));
    expect(r).toEqual({ status: 'warning', lines: [{ key: 'downloadBelowRecommended', values: { kbps: 500, recommended: 786 } }] });
  });

  it('reports a missing camera and a silent microphone before the network', () => {
    const r = readinessOf(check({ status: 'unavailable' }, { status: 'measured', peakLevel: 0 }, network(300, 300)));
    expect(r.status).toBe('problem');
    expect(r.lines.map((l) => l.key)).toEqual(['cameraMissing', 'micSilent', 'uploadSlow', 'downloadSlow']);
  });

  it('gives a small camera’s size and frame rate against the minimum', () => {
    const r = readinessOf(check({ status: 'measured', width: 640, height: 480, frameRate: 14.6 }, goodMic, network(2000, 2000)));
    expect(r.lines).toEqual([{ key: 'cameraSmall', values: { width: 640, height: 480, fps: 15, minWidth: 1280, minHeight: 720, minFps: 30 } }]);
  });

  it('does not hold a microphone the browser could not listen to against the kiosk', () => {
    expect(readinessOf(check(goodCamera, { status: 'notMeasured' }, network(2000, 2000))).status).toBe('ready');
  });
});
