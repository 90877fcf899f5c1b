import { describe, expect, it } from 'vitest';
import {
  ClientMediaReportSchema,
  DEFAULT_QUALITY_POLICY,
  PrecheckSubmissionSchema,
  QualityPolicySchema,
  assessPrecheck,
  type CameraCheck,
  type MicrophoneCheck,
} from './quality.ts';

const hd: CameraCheck = { status: 'measured', width: 1280, height: 720, frameRate: 29.6 };
const heard: MicrophoneCheck = { status: 'measured', peakLevel: 0.4 };
const assess = (upKbps: number, downKbps: number, camera: CameraCheck = hd, microphone: MicrophoneCheck = heard, policy = DEFAULT_QUALITY_POLICY) =>
  assessPrecheck({ camera, microphone, network: { upKbps, downKbps } }, policy);

describe('the pre-call verdict', () => {
  it('holds the operating guide’s values by default: 384 kbit/s both ways, 786 recommended, 1280×720 at 30 fps, warn', () => {
    expect(DEFAULT_QUALITY_POLICY).toEqual({
      mode: 'warn',
      network: { minUpKbps: 384, recommendedUpKbps: 786, minDownKbps: 384, recommendedDownKbps: 786 },
      camera: { minWidth: 1280, minHeight: 720, minFrameRate: 30 },
    });
    expect(QualityPolicySchema.safeParse(DEFAULT_QUALITY_POLICY).success).toBe(true);
  });

  it('passes a 2 Mbit/s link with a 720p30 camera and a microphone that hears', () => {
    expect(assess(1980, 1950)).toEqual({ overall: 'good', camera: 'good', microphone: 'good', upload: 'good', download: 'good', admissible: true });
  });

  it('calls a 250 kbit/s upload too slow, and a 400 kbit/s link enough but below the recommendation (as measured: 378–397)', () => {
    expect(assess(248, 2000)).toMatchObject({ overall: 'belowMinimum', upload: 'belowMinimum', download: 'good' });
    expect(assess(397, 378)).toMatchObject({ overall: 'belowRecommended', upload: 'belowRecommended', download: 'belowRecommended' });
    // An 800 kbit/s link (read 752–800) meets the 786 recommendation within the measurement's 5 %.
    expect(assess(791, 752)).toMatchObject({ overall: 'good' });
  });

  it('judges the picture the camera delivers, in either orientation, with a frame or two of slack', () => {
    expect(assess(2000, 2000, { status: 'measured', width: 640, height: 480, frameRate: 30 })).toMatchObject({ camera: 'belowMinimum', overall: 'belowMinimum' });
    expect(assess(2000, 2000, { status: 'measured', width: 1280, height: 720, frameRate: 15 })).toMatchObject({ camera: 'belowMinimum' });
    expect(assess(2000, 2000, { status: 'measured', width: 720, height: 1280, frameRate: 28 })).toMatchObject({ camera: 'good' });
  });

  it('treats a silent or missing microphone and a missing camera as below the minimum', () => {
    expect(assess(2000, 2000, hd, { status: 'measured', peakLevel: 0.001 })).toMatchObject({ microphone: 'belowMinimum', overall: 'belowMinimum' });
    expect(assess(2000, 2000, { status: 'unavailable' })).toMatchObject({ camera: 'unavailable', overall: 'belowMinimum' });
  });

  it('says what a browser could not measure instead of failing the customer for it (Firefox)', () => {
    // Firefox cannot be pushed to the probe's start rate: 517 kbit/s is how far it went on a fast link.
    const limited = (upKbps: number, policy = DEFAULT_QUALITY_POLICY) =>
      assessPrecheck({ camera: hd, microphone: heard, network: { upKbps, downKbps: 2600, upBrowserLimited: true } }, policy);
    expect(limited(517)).toMatchObject({ upload: 'notMeasured', overall: 'good', admissible: true });
    expect(limited(200, { ...DEFAULT_QUALITY_POLICY, mode: 'block' })).toMatchObject({ upload: 'notMeasured', admissible: true });
    // Past the recommendation the lower bound is enough to judge by.
    expect(limited(900)).toMatchObject({ upload: 'good' });
    // A microphone the browser would not let the check hear is neither heard nor missing.
    expect(assess(2000, 2000, hd, { status: 'notMeasured' })).toMatchObject({ microphone: 'notMeasured', overall: 'good' });
    // A Chromium reading is judged as before.
    expect(assess(200, 2000)).toMatchObject({ upload: 'belowMinimum' });
  });

  it('refuses admission without a reason only in block mode', () => {
    expect(assess(200, 2000).admissible).toBe(true);
    expect(assess(200, 2000, hd, heard, { ...DEFAULT_QUALITY_POLICY, mode: 'block' }).admissible).toBe(false);
    expect(assess(500, 500, hd, heard, { ...DEFAULT_QUALITY_POLICY, mode: 'block' }).admissible).toBe(true);
  });
});

describe('figures from the browser', () => {
  const precheckId = '5ec16005-4315-4dca-aabb-2f3f8562181e';
  it('are range-checked: no impossible throughput, picture or level is accepted', () => {
    const ok = { precheckId, durationMs: 6000, camera: hd, microphone: heard, downKbps: 1900, rttMs: 12 };
    expect(PrecheckSubmissionSchema.safeParse(ok).success).toBe(true);
    expect(PrecheckSubmissionSchema.safeParse({ ...ok, downKbps: 5_000_000 }).success).toBe(false);
    expect(PrecheckSubmissionSchema.safeParse({ ...ok, downKbps: -1 }).success).toBe(false);
    expect(PrecheckSubmissionSchema.safeParse({ ...ok, camera: { status: 'measured', width: 99_999, height: 720, frameRate: 30 } }).success).toBe(false);
    expect(PrecheckSubmissionSchema.safeParse({ ...ok, microphone: { status: 'measured', peakLevel: 3 } }).success).toBe(false);
    expect(PrecheckSubmissionSchema.safeParse({ ...ok, precheckId: 'guess' }).success).toBe(false);
    // The upload is measured by the server; a client cannot send one.
    expect(PrecheckSubmissionSchema.safeParse({ ...ok, upKbps: 2000 }).success).toBe(false);
    expect(ClientMediaReportSchema.safeParse({ camera: null, sent: null, availableOutgoingKbps: 1e9, rttMs: null, qualityLimitation: null }).success).toBe(false);
  });
});
