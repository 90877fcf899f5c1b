import { describe, expect, it } from 'vitest';
import { candidatePairRttSeconds } from './statsFields.ts';

describe('the round trip of an ICE candidate pair', () => {
  it('is Chromium’s currentRoundTripTime where the browser fills it', () => {
    expect(candidatePairRttSeconds({ currentRoundTripTime: 0.012, totalRoundTripTime: 0.5, responsesReceived: 10 })).toBe(0.012);
  });

  it('is the mean of the counted round trips where currentRoundTripTime is 0 or missing (Firefox)', () => {
    expect(candidatePairRttSeconds({ currentRoundTripTime: 0, totalRoundTripTime: 0.011, responsesReceived: 3 })).toBeCloseTo(0.00367, 5);
    expect(candidatePairRttSeconds({ totalRoundTripTime: 0.04, responsesReceived: 2 })).toBe(0.02);
    // Firefox counts whole milliseconds: on one machine the answered checks add up to 0.
    expect(candidatePairRttSeconds({ currentRoundTripTime: 0, totalRoundTripTime: 0, responsesReceived: 4 })).toBe(0);
  });

  it('is unknown before any round trip was counted', () => {
    expect(candidatePairRttSeconds({ currentRoundTripTime: 0, totalRoundTripTime: 0, responsesReceived: 0 })).toBeUndefined();
    expect(candidatePairRttSeconds({})).toBeUndefined();
  });
});
