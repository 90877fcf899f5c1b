import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { eventsConfigFrom, eventsEnvShape } from './config.ts';

const load = (env: Record<string, string>) => eventsConfigFrom(z.object(eventsEnvShape).parse(env));

describe('retention settings', () => {
  it('defaults to two years of events and 90 days of survey comments, swept hourly', () => {
    expect(load({})).toEqual({ retention: { eventDays: 730, surveyCommentDays: 90, intervalMs: 3_600_000 } });
  });

  it('takes the environment’s values', () => {
    expect(load({ KANAVA_EVENT_RETENTION_DAYS: '365', KANAVA_SURVEY_COMMENT_RETENTION_DAYS: '30', KANAVA_RETENTION_INTERVAL_S: '60' }).retention).toEqual({ eventDays: 365, surveyCommentDays: 30, intervalMs: 60_000 });
  });

  it('refuses values that would delete what billing still needs, or are not numbers', () => {
    expect(() => load({ KANAVA_EVENT_RETENTION_DAYS: '7' })).toThrow();
    expect(() => load({ KANAVA_SURVEY_COMMENT_RETENTION_DAYS: 'forever' })).toThrow();
    expect(() => load({ KANAVA_EVENT_RETENTION_DAYS: '0' })).toThrow();
  });
});
