import { stringify } from 'csv-stringify/sync';
import { DateTime } from 'luxon';
import { billingCsvColumns, reportCsvColumns, type MonthlyReport, type ReportFigures, type ReportRow } from '@kanava/shared';
import type { DbOrTx } from '../db/database.ts';
import { classificationNames } from '../events/ServiceEventRepository.ts';
import { ZONE } from '../records/time.ts';
import { monthWindow } from './reports.ts';

/**
 * CSV as documented in docs/billing-csv.md: UTF-8, comma-separated, a header row, fields
 * quoted only when needed (RFC 4180), "\r\n" between rows, "." as the decimal mark.
 */
function csv(header: readonly string[], records: (string | number)[][]): string {
  return stringify([[...header], ...records], { record_delimiter: 'windows' });
}

const decimal = (v: number | null, digits: number) => (v === null ? '' : v.toFixed(digits));

/** One row per event of the provider in the month: what the provider is billed for. */
export async function billingCsv(db: DbOrTx, month: string, providerId: string): Promise<string> {
  const { from, to } = monthWindow(month);
  const rows = await db
    .selectFrom('service_event as e')
    .innerJoin('provider as pr', 'pr.id', 'e.provider_id')
    .innerJoin('service_point as p', 'p.id', 'e.point_id')
    .leftJoin('service as s', 's.id', 'e.service_id')
    .select([
      'e.id',
      'e.admitted_at',
      'e.ended_at',
      'e.duration_s',
      'e.booking_id',
      'e.classification_code',
      'pr.code as provider_code',
      'pr.name_fi as provider_name',
      'p.slug as point_slug',
      'p.name_fi as point_name',
      's.code as service_code',
      's.name_fi as service_name',
      's.classifications',
    ])
    .where('e.provider_id', '=', providerId)
    .where('e.admitted_at', '>=', from.toISOString())
    .where('e.admitted_at', '<', to.toISOString())
    .orderBy('e.admitted_at')
    .orderBy('e.id')
    .execute();
  // Per row only lookups: a classification's name per (service list, code), a Helsinki date per UTC hour
  // (Finland's offset is whole hours), so a provider's month of tens of thousands of events stays quick.
  const names = new Map<string, string>();
  const classificationName = (list: string | null, code: string) => {
    const key = `${code}\u0000${list ?? ''}`;
    let name = names.get(key);
    if (name === undefined) names.set(key, (name = classificationNames(list, code).nameFi));
    return name;
  };
  const dates = new Map<string, string>();
  const helsinkiDate = (at: string) => {
    const hour = at.slice(0, 13);
    let date = dates.get(hour);
    if (date === undefined) dates.set(hour, (date = DateTime.fromISO(at, { zone: ZONE }).toISODate() ?? ''));
    return date;
  };
  return csv(
    billingCsvColumns,
    rows.map((r) => {
      const durationS = Number(r.duration_s);
      return [
        r.id,
        month,
        helsinkiDate(r.admitted_at),
        r.provider_code,
        r.provider_name,
        r.point_slug,
        r.point_name,
        r.service_code ?? '',
        r.service_name ?? '',
        r.classification_code ?? '',
        r.classification_code ? classificationName(r.classifications, r.classification_code) : '',
        r.admitted_at,
        r.ended_at,
        durationS,
        Math.ceil(durationS / 60),
        r.booking_id ?? '',
      ];
    }),
  );
}

function figureCells(f: ReportFigures): (string | number)[] {
  return [
    f.events,
    f.unclassified,
    f.totalDurationS,
    decimal(f.averageDurationS, 0),
    f.noShows,
    decimal(f.lobbyWaitP50S, 0),
    decimal(f.lobbyWaitP90S, 0),
    decimal(f.qualityShare, 4),
    f.incidents,
    f.surveyAnswers,
    decimal(f.surveyServiceAverage, 2),
    decimal(f.surveyConnectionAverage, 2),
    decimal(f.staffConnectionAverage, 2),
  ];
}

/** The monthly report as CSV: the whole month, then each provider, point and service; one column per classification at the end. */
export function reportCsv(report: MonthlyReport): string {
  const codes = report.classifications.map((c) => c.code);
  const line = (group: string, row: Pick<ReportRow, 'key' | 'nameFi' | 'figures'>) => [
    report.month,
    group,
    row.key,
    row.nameFi,
    ...figureCells(row.figures),
    ...codes.map((c) => row.figures.byClassification[c] ?? 0),
  ];
  return csv(
    [...reportCsvColumns, ...codes.map((c) => `classification_${c}`)],
    [
      line('total', { key: '', nameFi: '', figures: report.total }),
      ...report.byProvider.map((r) => line('provider', r)),
      ...report.byPoint.map((r) => line('point', r)),
      ...report.byService.map((r) => line('service', r)),
    ],
  );
}
