import { describe, expect, it } from 'vitest';
import { leastLoadedNode } from './placement.ts';
import { EventEnvelopeSchema, PlacementSchema, RequestEnvelopeSchema, parseMessage, placementValue, sfuMethods, type Heartbeat } from './wire.ts';

const node = (nodeId: string, load: Partial<Heartbeat['load']>): Heartbeat => ({
  nodeId,
  bootId: `${nodeId}-boot`,
  at: 0,
  load: { workers: 1, rooms: 0, transports: 0, producers: 0, consumers: 0, workerCpuSeconds: 0, cpuPercent: 0, ...load },
});

describe('placing a room on an SFU node', () => {
  it('takes the fewest consumers per worker, then rooms per worker, then CPU', () => {
    expect(leastLoadedNode([node('a', { consumers: 8 }), node('b', { consumers: 4 })])?.nodeId).toBe('b');
    // Twice the workers carry twice the consumers as easily.
    expect(leastLoadedNode([node('a', { consumers: 8, workers: 4 }), node('b', { consumers: 4 })])?.nodeId).toBe('a');
    expect(leastLoadedNode([node('a', { rooms: 3 }), node('b', { rooms: 1 })])?.nodeId).toBe('b');
    expect(leastLoadedNode([node('a', { cpuPercent: 40 }), node('b', { cpuPercent: 10 })])).toEqual({ nodeId: 'b', bootId: 'b-boot' });
  });

  it('never picks a node without a running worker, and says when there is none', () => {
    expect(leastLoadedNode([node('a', { workers: 0 }), node('b', { consumers: 100 })])?.nodeId).toBe('b');
    expect(leastLoadedNode([node('a', { workers: 0 })])).toBeUndefined();
    expect(leastLoadedNode([])).toBeUndefined();
  });
});

describe('the SFU wire format', () => {
  it('round-trips a placement and refuses a malformed one', () => {
    expect(PlacementSchema.parse(placementValue({ nodeId: 'sfu-0', bootId: 'b1' }))).toEqual({ nodeId: 'sfu-0', bootId: 'b1' });
    expect(PlacementSchema.safeParse('sfu 0 extra').success).toBe(false);
    expect(PlacementSchema.safeParse('bad/node b1').success).toBe(false);
  });

  it('parses requests by method and refuses unknown methods, non-JSON and bad parameters', () => {
    expect(parseMessage(RequestEnvelopeSchema, 'nope')).toBeUndefined();
    expect(parseMessage(RequestEnvelopeSchema, JSON.stringify({ id: '1', from: 'srv', method: 'rm -rf', params: {} }))).toBeUndefined();
    const request = parseMessage(RequestEnvelopeSchema, JSON.stringify({ id: '1', from: 'srv', method: 'closePeer', params: { roomId: 'r', peerId: 'p' } }));
    expect(request?.method).toBe('closePeer');
    expect(sfuMethods.closePeer.params.safeParse(request?.params).success).toBe(true);
    expect(sfuMethods.createTransport.params.safeParse({ roomId: 'r', peerId: 'p', direction: 'up' }).success).toBe(false);
  });

  it('parses events and drops unknown ones', () => {
    const lost = parseMessage(EventEnvelopeSchema, JSON.stringify({ event: 'roomMediaLost', payload: { roomId: 'r' } }));
    expect(lost).toEqual({ event: 'roomMediaLost', payload: { roomId: 'r' } });
    expect(parseMessage(EventEnvelopeSchema, JSON.stringify({ event: 'selfDestruct', payload: {} }))).toBeUndefined();
  });
});
