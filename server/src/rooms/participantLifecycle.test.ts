import { describe, expect, it } from 'vitest';
import { KanavaError } from '@kanava/shared';
import { canTransition, isTerminal, mayUseMedia, transition } from './participantLifecycle.ts';

describe('participant lifecycle', () => {
  it('lets a customer go from the lobby through admission into the call and out', () => {
    let state = transition('connecting', 'lobby');
    state = transition(state, 'admitted');
    state = transition(state, 'inCall');
    state = transition(state, 'left');
    expect(state).toBe('left');
    expect(isTerminal(state)).toBe(true);
  });

  it('refuses to skip admission from the lobby into the call', () => {
    expect(canTransition('lobby', 'inCall')).toBe(false);
    expect(() => transition('lobby', 'inCall')).toThrow(KanavaError);
  });

  it('never leaves a terminal state', () => {
    for (const terminal of ['left', 'declined', 'removed'] as const) {
      expect(() => transition(terminal, 'inCall')).toThrow(/cannot go/);
    }
  });

  it('gives media only to participants in the call', () => {
    expect(mayUseMedia('inCall')).toBe(true);
    for (const s of ['connecting', 'lobby', 'admitted', 'left', 'declined', 'removed'] as const) expect(mayUseMedia(s)).toBe(false);
  });
});
