import type { ReportFigures } from '@kanava/shared';

/** One event as the reports count it: no names, no customers, only what is counted. */
export interface CountedEvent {
  id: string;
  providerId: string | null;
  pointId: string;
  serviceId: string | null;
  classificationCode: string | null;
  admittedAt: string;
  durationS: number;
  lobbyWaitS: number | null;
  belowMinimumMs: number;
  incidents: number;
}

export interface CountedNoShow {
  providerId: string;
  pointId: string;
  serviceId: string;
  startsAt: string;
}

export interface CountedSurvey {
  eventId: string;
  serviceRating: number | null;
  connectionRating: number;
}

export interface CountedRating {
  eventId: string;
  rating: number;
}

export interface ReportData {
  events: CountedEvent[];
  noShows: CountedNoShow[];
  surveys: CountedSurvey[];
  staffRatings: CountedRating[];
}

/**
 * The p-th percentile by the nearest-rank method: the smallest value with at least p % of the
 * values at or below it. It is always one of the observed waits (no interpolated values), and
 * stable for the small monthly counts of a point.
 */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1] ?? null;
}

function average(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  return Math.round((values.reduce((a, b) => a + b, 0) / values.length) * 100) / 100;
}

/** The figures of one group of events (and the no-shows that belong to the same group). */
export function figuresOf(data: ReportData): ReportFigures {
  const ids = new Set(data.events.map((e) => e.id));
  const byClassification: Record<string, number> = {};
  let unclassified = 0;
  let callMs = 0;
  let belowMs = 0;
  for (const e of data.events) {
    if (e.classificationCode) byClassification[e.classificationCode] = (byClassification[e.classificationCode] ?? 0) + 1;
    else unclassified++;
    const ms = e.durationS * 1000;
    callMs += ms;
    belowMs += Math.min(ms, e.belowMinimumMs);
  }
  const totalDurationS = data.events.reduce((a, e) => a + e.durationS, 0);
  const waits = data.events.flatMap((e) => (e.lobbyWaitS === null ? [] : [e.lobbyWaitS]));
  const surveys = data.surveys.filter((s) => ids.has(s.eventId));
  return {
    events: data.events.length,
    byClassification,
    unclassified,
    totalDurationS,
    averageDurationS: data.events.length > 0 ? Math.round(totalDurationS / data.events.length) : null,
    noShows: data.noShows.length,
    lobbyWaitP50S: percentile(waits, 50),
    lobbyWaitP90S: percentile(waits, 90),
    qualityShare: callMs > 0 ? Math.round(((callMs - belowMs) / callMs) * 10_000) / 10_000 : null,
    incidents: data.events.reduce((a, e) => a + e.incidents, 0),
    surveyAnswers: surveys.length,
    surveyServiceAverage: average(surveys.flatMap((s) => (s.serviceRating === null ? [] : [s.serviceRating]))),
    surveyConnectionAverage: average(surveys.map((s) => s.connectionRating)),
    staffConnectionAverage: average(data.staffRatings.filter((r) => ids.has(r.eventId)).map((r) => r.rating)),
  };
}

/** Splits the data by a key of the event (and the same key of the no-show), in key order; null keys form their own group. */
export function groupFigures(
  data: ReportData,
  eventKey: (e: CountedEvent) => string | null,
  noShowKey: (n: CountedNoShow) => string | null,
): { key: string; figures: ReportFigures }[] {
  const keys = new Set<string>();
  for (const e of data.events) keys.add(eventKey(e) ?? '');
  for (const n of data.noShows) keys.add(noShowKey(n) ?? '');
  return [...keys].sort().map((key) => ({
    key,
    figures: figuresOf({
      events: data.events.filter((e) => (eventKey(e) ?? '') === key),
      noShows: data.noShows.filter((n) => (noShowKey(n) ?? '') === key),
      surveys: data.surveys,
      staffRatings: data.staffRatings,
    }),
  }));
}
