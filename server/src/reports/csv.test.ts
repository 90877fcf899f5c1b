import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { MonthlyReportSchema, reportCsvColumns, type MonthlyReport } from '@kanava/shared';
import { figuresOf } from './aggregate.ts';
import { reportCsv } from './csv.ts';

const figures = figuresOf({
  events: [
    { id: 'a', providerId: 'p', pointId: 'x', serviceId: 's', classificationCode: 'remote-service', admittedAt: '2026-03-02T08:00:00.000Z', durationS: 600, lobbyWaitS: 45, belowMinimumMs: 30_000, incidents: 1 },
  ],
  noShows: [],
  surveys: [{ eventId: 'a', serviceRating: 4, connectionRating: 5 }],
  staffRatings: [],
});

const report: MonthlyReport = MonthlyReportSchema.parse({
  month: '2026-03',
  providers: [],
  classifications: [
    { code: 'remote-service', nameFi: 'Etäpalvelu', nameSv: 'Distansservice', nameEn: 'Remote service' },
    { code: 'advice', nameFi: 'Neuvonta', nameSv: 'Rådgivning', nameEn: 'Advice' },
  ],
  total: figures,
  byProvider: [],
  byPoint: [{ key: 'x', nameFi: 'Piste "Keskusta", Kuhmo', nameSv: '', nameEn: '', figures }],
  byService: [],
});

describe('the monthly report CSV', () => {
  const text = reportCsv(report);

  it('has the documented fixed columns, then one per classification, rows ending in CRLF', () => {
    const [header] = parse(text, { to_line: 1 }) as string[][];
    expect(header).toEqual([...reportCsvColumns, 'classification_remote-service', 'classification_advice']);
    expect(text.split('\r\n').length).toBe(4);
  });

  it('quotes names with commas and quotes so that a CSV reader gets them back whole', () => {
    const rows = parse(text, { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => [r.group, r.name])).toEqual([
      ['total', ''],
      ['point', 'Piste "Keskusta", Kuhmo'],
    ]);
    expect(text).toContain('"Piste ""Keskusta"", Kuhmo"');
  });

  it('writes figures with a decimal point and empty fields for what is not known', () => {
    const [total] = parse(text, { columns: true }) as Record<string, string>[];
    expect(total).toMatchObject({
      events: '1',
      total_duration_seconds: '600',
      lobby_wait_p50_seconds: '45',
      quality_share_above_minimum: '0.9500',
      survey_service_average: '4.00',
      staff_connection_average: '',
      'classification_remote-service': '1',
      classification_advice: '0',
    });
  });
});
