import { describe, expect, it } from 'vitest';
import { percentile, summary } from './stats.ts';

describe('benchmark statistics', () => {
  it('takes the nearest-rank percentile', () => {
    const v = [5, 1, 4, 2, 3, 6, 7, 8, 9, 10];
    expect(percentile(v, 50)).toBe(5);
    expect(percentile(v, 95)).toBe(10);
    expect(percentile([42], 95)).toBe(42);
  });
  it('summarises a sample', () => {
    expect(summary([3, 1, 2])).toEqual({ n: 3, min: 1, median: 2, p95: 3, max: 3 });
  });
});
