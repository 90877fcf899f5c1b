/**
 * WebRTC statistics that browsers report differently. Chromium fills candidate-pair
 * currentRoundTripTime; Firefox reports it as 0 (or not at all) but counts the ICE round
 * trips in totalRoundTripTime and responsesReceived, whose mean is the same figure. Firefox counts
 * whole milliseconds: answered checks that add up to 0 are round trips under a millisecond.
 */
export function candidatePairRttSeconds(pair: Record<string, unknown>): number | undefined {
  const current = pair['currentRoundTripTime'];
  if (typeof current === 'number' && Number.isFinite(current) && current > 0) return current;
  const total = pair['totalRoundTripTime'];
  const responses = pair['responsesReceived'];
  if (typeof total === 'number' && typeof responses === 'number' && Number.isFinite(total) && total >= 0 && responses > 0) return total / responses;
  return undefined;
}
