import { describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { DEFAULT_QUALITY_POLICY, KanavaError, PointSlugSchema, ServicePointIdSchema, type PrecheckId } from '@kanava/shared';
import type { SfuService } from '@kanava/sfu/api';
import { guidePolicySource } from './policy.ts';
import { PrecheckService } from './PrecheckService.ts';

const kuhmo = ServicePointIdSchema.parse('kuhmo-id');
const inari = ServicePointIdSchema.parse('inari-id');

/** The SFU's probe, as the service sees it: it measured 397 kbit/s up and sent its flood at 2500. */
function fakeSfu(opened: PrecheckId[] = [], closed: PrecheckId[] = []) {
  const transport = { id: 't', iceParameters: { usernameFragment: 'u', password: 'p' }, iceCandidates: [], dtlsParameters: { fingerprints: [{ algorithm: 'sha-256', value: 'x' }] } };
  const probes: Partial<SfuService> = {
    openProbe: async ({ probeId }) => {
      opened.push(probeId);
      return { rtpCapabilities: {}, send: transport, recv: transport } as never;
    },
    measureProbeUpload: async () => ({ upKbps: 397, atCeiling: false, durationMs: 3100 }),
    runProbeDownload: async () => ({ sentKbps: 2500, durationMs: 2000 }),
    closeProbe: async ({ probeId }) => void closed.push(probeId),
  };
  return probes as SfuService;
}

function service(sfu = fakeSfu()) {
  return new PrecheckService({
    sfu,
    policies: guidePolicySource,
    findPoint: async (slug) => (slug === 'kuhmo' ? { id: kuhmo } : undefined),
    log: pino({ level: 'silent' }),
  });
}

const submission = (precheckId: PrecheckId, downKbps = 380) => ({
  precheckId,
  durationMs: 10,
  camera: { status: 'measured' as const, width: 1280, height: 720, frameRate: 30 },
  microphone: { status: 'measured' as const, peakLevel: 0.3 },
  downKbps,
  rttMs: 4,
});

async function finishedCheck(s: PrecheckService, socket = 'socket-1') {
  const { precheckId } = await s.open(socket, PointSlugSchema.parse('kuhmo'));
  await s.measureUpload(socket, precheckId);
  await s.runDownload(socket, precheckId);
  await s.close(socket, precheckId);
  return precheckId;
}

describe('the pre-call check on the server', () => {
  it('judges a submission with its own upload figure and the room’s policy', async () => {
    const s = service();
    const id = await finishedCheck(s);
    const result = s.resolve(submission(id), kuhmo, DEFAULT_QUALITY_POLICY);
    expect(result.network).toEqual({ upKbps: 397, upAtCeiling: false, downKbps: 380, downAtCeiling: false, rttMs: 4 });
    expect(result.verdict).toMatchObject({ overall: 'belowRecommended', upload: 'belowRecommended', download: 'belowRecommended', admissible: true });
  });

  it('keeps its own upload figure when the browser says it could not be pushed to the probe’s rate (Firefox), and judges it as not measured', async () => {
    const s = service();
    const id = await finishedCheck(s);
    const result = s.resolve({ ...submission(id, 2400), upBrowserLimited: true }, kuhmo, { ...DEFAULT_QUALITY_POLICY, mode: 'block' });
    expect(result.network).toMatchObject({ upKbps: 397, upBrowserLimited: true });
    expect(result.verdict).toMatchObject({ overall: 'good', upload: 'notMeasured', download: 'good', admissible: true });
  });

  it('refuses a download the probe could not have delivered, and a check of another point or unfinished', async () => {
    const s = service();
    const id = await finishedCheck(s);
    expect(() => s.resolve(submission(id, 9000), kuhmo, DEFAULT_QUALITY_POLICY)).toThrow(/cannot come from/);
    expect(() => s.resolve(submission(id), inari, DEFAULT_QUALITY_POLICY)).toThrow(KanavaError);
    const { precheckId: unfinished } = await s.open('socket-2', PointSlugSchema.parse('kuhmo'));
    expect(() => s.resolve(submission(unfinished), kuhmo, DEFAULT_QUALITY_POLICY)).toThrow(/did not finish/);
  });

  it('lets only the opening connection drive a check, and closes its probe when that connection goes', async () => {
    const closed: PrecheckId[] = [];
    const s = service(fakeSfu([], closed));
    const { precheckId } = await s.open('socket-1', PointSlugSchema.parse('kuhmo'));
    await expect(s.measureUpload('socket-2', precheckId)).rejects.toMatchObject({ code: 'notFound' });
    await s.closeAllOf('socket-1');
    expect(closed).toEqual([precheckId]);
    await expect(s.open('socket-1', PointSlugSchema.parse('ei-ole'))).rejects.toMatchObject({ code: 'pointNotFound' });
  });

  it('replaces a connection’s running check with its new one', async () => {
    const closed: PrecheckId[] = [];
    const s = service(fakeSfu([], closed));
    const first = await s.open('socket-1', PointSlugSchema.parse('kuhmo'));
    await s.open('socket-1', PointSlugSchema.parse('kuhmo'));
    expect(closed).toEqual([first.precheckId]);
  });
});
