import { describe, expect, it } from 'vitest';
import { isDependencyUnavailable } from './dependencyErrors.ts';

describe('isDependencyUnavailable', () => {
  it('recognises a refused or lost database connection', () => {
    expect(isDependencyUnavailable(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }))).toBe(true);
    expect(isDependencyUnavailable(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isDependencyUnavailable(Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }))).toBe(true);
    expect(isDependencyUnavailable(new AggregateError([Object.assign(new Error('x'), { code: 'ECONNREFUSED' })]))).toBe(true);
    expect(isDependencyUnavailable(new Error('wrapped', { cause: Object.assign(new Error('y'), { code: '08006' }) }))).toBe(true);
  });

  it('leaves faults of the request or of Kanava alone', () => {
    expect(isDependencyUnavailable(Object.assign(new Error('duplicate key'), { code: '23505' }))).toBe(false);
    expect(isDependencyUnavailable(new TypeError('x is undefined'))).toBe(false);
    expect(isDependencyUnavailable(undefined)).toBe(false);
  });
});
