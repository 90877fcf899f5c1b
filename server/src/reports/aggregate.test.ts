import { describe, expect, it } from 'vitest';
import { figuresOf, groupFigures, percentile, type CountedEvent, type ReportData } from './aggregate.ts';

const event = (id: string, over: Partial<CountedEvent> = {}): CountedEvent => ({
  id,
  providerId: 'kela',
  pointId: 'kuhmo',
  serviceId: 'housing',
  classificationCode: 'remote-service',
  admittedAt: '2026-03-02T08:00:00.000Z',
  durationS: 600,
  lobbyWaitS: 60,
  belowMinimumMs: 0,
  incidents: 0,
  ...over,
});

describe('percentiles by nearest rank', () => {
  it('picks observed values', () => {
    const waits = [10, 20, 30, 40, 50, 60, 70, 80, 90, 100];
    expect(percentile(waits, 50)).toBe(50);
    expect(percentile(waits, 90)).toBe(90);
    expect(percentile([5], 90)).toBe(5);
    expect(percentile([30, 10, 20], 50)).toBe(20);
    expect(percentile([1, 2, 3, 4, 100], 90)).toBe(100);
  });

  it('is null without values', () => {
    expect(percentile([], 50)).toBeNull();
  });
});

describe('report figures', () => {
  const data: ReportData = {
    events: [
      event('a', { lobbyWaitS: 30, belowMinimumMs: 60_000, incidents: 1 }),
      event('b', { classificationCode: 'advice', durationS: 300, lobbyWaitS: 120 }),
      event('c', { classificationCode: null, pointId: 'inari', durationS: 100, lobbyWaitS: null }),
    ],
    noShows: [{ providerId: 'kela', pointId: 'kuhmo', serviceId: 'housing', startsAt: '2026-03-03T08:00:00.000Z' }],
    surveys: [
      { eventId: 'a', serviceRating: 5, connectionRating: 4 },
      { eventId: 'b', serviceRating: 4, connectionRating: 2 },
      { eventId: 'other-month', serviceRating: 1, connectionRating: 1 },
    ],
    staffRatings: [{ eventId: 'a', rating: 3 }],
  };

  it('counts classifications, durations, waits, quality and survey averages', () => {
    const f = figuresOf(data);
    expect(f).toMatchObject({
      events: 3,
      byClassification: { 'remote-service': 1, advice: 1 },
      unclassified: 1,
      totalDurationS: 1000,
      averageDurationS: 333,
      noShows: 1,
      lobbyWaitP50S: 30,
      lobbyWaitP90S: 120,
      incidents: 1,
      surveyAnswers: 2,
      surveyServiceAverage: 4.5,
      surveyConnectionAverage: 3,
      staffConnectionAverage: 3,
    });
    // 60 s below the minimum in 1000 s of calls.
    expect(f.qualityShare).toBeCloseTo(0.94);
  });

  it('groups by point with the no-shows of the same point', () => {
    const byPoint = groupFigures(data, (e) => e.pointId, (n) => n.pointId);
    expect(byPoint.map((g) => [g.key, g.figures.events, g.figures.noShows, g.figures.surveyAnswers])).toEqual([
      ['inari', 1, 0, 0],
      ['kuhmo', 2, 1, 2],
    ]);
  });

  it('has no averages and no quality share for an empty month', () => {
    const f = figuresOf({ events: [], noShows: [], surveys: [], staffRatings: [] });
    expect(f).toMatchObject({ events: 0, averageDurationS: null, lobbyWaitP50S: null, qualityShare: null, surveyServiceAverage: null });
  });
});
