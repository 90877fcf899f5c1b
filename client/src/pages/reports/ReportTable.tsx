import { useTranslation } from 'react-i18next';
import type { ReportFigures, ReportRow } from '@kanava/shared';
import { useNameOf } from '../admin/ui.tsx';

/** Seconds as minutes and seconds ("4 min 05 s"); a dash when not known. */
export function useDurationText() {
  const { t } = useTranslation();
  return (s: number | null) => (s === null ? t('reports.notKnown') : s < 60 ? `${Math.round(s)} s` : `${Math.floor(s / 60)} min ${String(Math.round(s % 60)).padStart(2, '0')} s`);
}

export function usePercent() {
  const { t, i18n } = useTranslation();
  return (share: number | null) =>
    share === null ? t('reports.notKnown') : new Intl.NumberFormat(i18n.language === 'en' ? 'en-GB' : `${i18n.language}-FI`, { style: 'percent', maximumFractionDigits: 1 }).format(share);
}

export function useAverage() {
  const { t, i18n } = useTranslation();
  return (v: number | null) => (v === null ? t('reports.notKnown') : new Intl.NumberFormat(i18n.language === 'en' ? 'en-GB' : `${i18n.language}-FI`, { maximumFractionDigits: 2 }).format(v));
}

/** One table of report rows: the same figures for each group, classification counts in their own columns. */
export function ReportTable({ caption, rows, classifications }: { caption: string; rows: { key: string; name: string; figures: ReportFigures }[]; classifications: { code: string; nameFi: string; nameSv: string; nameEn: string }[] }) {
  const { t } = useTranslation();
  const nameOf = useNameOf();
  const duration = useDurationText();
  const percent = usePercent();
  const average = useAverage();
  return (
    <div className="table-scroll" role="region" aria-label={caption} tabIndex={0}>
      <table className="records report-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('reports.name')}</th>
            <th scope="col">{t('reports.events')}</th>
            {classifications.map((c) => (
              <th scope="col" key={c.code}>
                {nameOf(c)}
              </th>
            ))}
            <th scope="col">{t('reports.unclassified')}</th>
            <th scope="col">{t('reports.totalDuration')}</th>
            <th scope="col">{t('reports.averageDuration')}</th>
            <th scope="col">{t('reports.noShows')}</th>
            <th scope="col">{t('reports.waitP50')}</th>
            <th scope="col">{t('reports.waitP90')}</th>
            <th scope="col">{t('reports.qualityShare')}</th>
            <th scope="col">{t('reports.incidents')}</th>
            <th scope="col">{t('reports.surveyAnswers')}</th>
            <th scope="col">{t('reports.surveyService')}</th>
            <th scope="col">{t('reports.surveyConnection')}</th>
            <th scope="col">{t('reports.staffConnection')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(({ key, name, figures: f }) => (
            <tr key={key || 'none'} data-row={key}>
              <th scope="row">{name}</th>
              <td>{f.events}</td>
              {classifications.map((c) => (
                <td key={c.code}>{f.byClassification[c.code] ?? 0}</td>
              ))}
              <td>{f.unclassified}</td>
              <td>{duration(f.totalDurationS)}</td>
              <td>{duration(f.averageDurationS)}</td>
              <td>{f.noShows}</td>
              <td>{duration(f.lobbyWaitP50S)}</td>
              <td>{duration(f.lobbyWaitP90S)}</td>
              <td>{percent(f.qualityShare)}</td>
              <td>{f.incidents}</td>
              <td>{f.surveyAnswers}</td>
              <td>{average(f.surveyServiceAverage)}</td>
              <td>{average(f.surveyConnectionAverage)}</td>
              <td>{average(f.staffConnectionAverage)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function rowsOf(rows: ReportRow[], nameOf: ReturnType<typeof useNameOf>) {
  return rows.map((r) => ({ key: r.key, name: nameOf(r), figures: r.figures }));
}
