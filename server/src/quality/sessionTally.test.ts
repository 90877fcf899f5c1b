import { describe, expect, it } from 'vitest';
import { DEFAULT_QUALITY_POLICY, PeerIdSchema, ServiceSessionIdSchema, type QualityReason } from '@kanava/shared';
import { NO_FIGURES } from './judge.ts';
import { SessionTally } from './sessionTally.ts';

const session = ServiceSessionIdSchema.parse('s1');
const sample = (reasons: QualityReason[], upKbps = 1000, settling = false, camera = { width: 1280, height: 720, frameRate: 30 }) => ({
  figures: { ...NO_FIGURES, upKbps, camera },
  reasons,
  settling,
});

describe('a session’s quality tally', () => {
  it('counts measured time and time below the minimum per direction, the union once', () => {
    const tally = new SessionTally(session, 0, DEFAULT_QUALITY_POLICY);
    tally.add(1000, [sample([]), sample([])], DEFAULT_QUALITY_POLICY);
    tally.add(2000, [sample(['upload'], 200), sample(['download'])], DEFAULT_QUALITY_POLICY);
    tally.add(3000, [sample(['upload', 'camera'], 150, false, { width: 640, height: 360, frameRate: 30 }), sample([])], DEFAULT_QUALITY_POLICY);
    tally.add(4000, [sample([]), sample([])], DEFAULT_QUALITY_POLICY);
    const s = tally.finish(5000, 1);
    expect(s.measuredMs).toBe(3000);
    expect(s.belowMinimumMs).toEqual({ upload: 2000, download: 1000, camera: 1000, any: 2000 });
    expect(s.worst.upKbps).toBe(150);
    expect(s.lowestResolution).toEqual({ width: 640, height: 360 });
    expect(s.incidentCount).toBe(1);
  });

  it('leaves out settling participants and gaps without samples', () => {
    const tally = new SessionTally(session, 0, DEFAULT_QUALITY_POLICY);
    tally.add(1000, [sample(['upload'], 100, true)], DEFAULT_QUALITY_POLICY);
    tally.add(2000, [sample(['upload'], 100, true)], DEFAULT_QUALITY_POLICY);
    tally.add(3000, [sample([])], DEFAULT_QUALITY_POLICY);
    // The router was gone for a minute: not measured time.
    tally.add(63_000, [sample(['upload'], 200)], DEFAULT_QUALITY_POLICY);
    tally.add(64_000, [sample(['upload'], 200)], DEFAULT_QUALITY_POLICY);
    const s = tally.finish(65_000, 0);
    expect(s.measuredMs).toBe(2000);
    expect(s.belowMinimumMs.upload).toBe(1000);
    // Settling figures are not the session's worst.
    expect(s.worst.upKbps).toBe(200);
  });

  it('keeps who was let in below the minimum, and why', () => {
    const tally = new SessionTally(session, 0, DEFAULT_QUALITY_POLICY);
    const aino = PeerIdSchema.parse('aino');
    tally.noteOverride(aino, { byName: 'Sanna', reason: 'Neuvoja vieressä', at: 10 });
    tally.noteOverride(aino, { byName: 'Sanna', reason: 'Neuvoja vieressä', at: 10 });
    expect(tally.finish(100, 0).overrides).toEqual([{ peerId: aino, byName: 'Sanna', reason: 'Neuvoja vieressä', at: 10 }]);
  });
});
