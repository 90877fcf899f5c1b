import { describe, expect, it } from 'vitest';
import { PointStatusSchema } from '@kanava/shared';
import { assertMove, canMove } from './pointLifecycle.ts';

describe('point lifecycle', () => {
  it('goes draft → testing → live, and any open point can be closed', () => {
    expect(canMove('draft', 'testing')).toBe(true);
    expect(canMove('testing', 'live')).toBe(true);
    for (const from of ['draft', 'testing', 'live'] as const) expect(canMove(from, 'closed')).toBe(true);
  });

  it('never skips testing, never goes backwards, and a closed point stays closed', () => {
    expect(canMove('draft', 'live')).toBe(false);
    expect(canMove('live', 'testing')).toBe(false);
    expect(canMove('testing', 'draft')).toBe(false);
    for (const to of PointStatusSchema.options) expect(canMove('closed', to)).toBe(false);
    expect(() => assertMove('draft', 'live')).toThrow('a draft point cannot become live');
  });
});
