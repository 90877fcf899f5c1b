import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { MonthlyReport, StaffUser } from '@kanava/shared';
import { isoMonthOf } from './reportMonth.ts';
import { hasRole } from '../../auth/session.ts';
import { recordsApi } from '../admin/recordsApi.ts';
import { StaffLayout } from '../admin/StaffLayout.tsx';
import { Loading, Select, useLoad, useNameOf } from '../admin/ui.tsx';
import { eventsApi, reportQuery } from '../../events/eventsApi.ts';
import { ReportTable, rowsOf } from './ReportTable.tsx';
import './reports.css';

/** Colours for the classifications in the chart; each has at least 3:1 contrast on white. */
export const chartColours = ['#1a4e8a', '#b35900', '#2e7d32', '#7b1fa2', '#c62828', '#00695c', '#5d4037'];

function ClassificationChart({ report }: { report: MonthlyReport }) {
  const { t } = useTranslation();
  const nameOf = useNameOf();
  const captionId = useId();
  const data = report.byPoint.map((p) => ({
    name: nameOf(p),
    // Plain keys for the chart (a classification code may hold dashes, which the chart library reads as paths).
    ...Object.fromEntries(report.classifications.map((c, i) => [`c${i}`, p.figures.byClassification[c.code] ?? 0])),
    unclassified: p.figures.unclassified,
  }));
  return (
    <figure className="report-chart" aria-labelledby={captionId}>
      <figcaption id={captionId}>
        {t('reports.chartTitle')} <span className="muted">{t('reports.chartSummary')}</span>
      </figcaption>
      {/* The chart repeats the table below for sighted readers; screen readers read the table. */}
      <div aria-hidden="true">
        <ResponsiveContainer width="100%" height={320}>
          <BarChart data={data} accessibilityLayer={false}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="name" />
            <YAxis allowDecimals={false} />
            <Tooltip />
            <Legend />
            {report.classifications.map((c, i) => (
              <Bar key={c.code} dataKey={`c${i}`} name={nameOf(c)} stackId="events" fill={chartColours[i % chartColours.length]} isAnimationActive={false} />
            ))}
            <Bar dataKey="unclassified" name={t('reports.unclassified')} stackId="events" fill="#6b7280" isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </div>
    </figure>
  );
}

/** Lobby waits per point (median and 90th percentile, minutes): where customers wait too long. */
function WaitChart({ report }: { report: MonthlyReport }) {
  const { t } = useTranslation();
  const nameOf = useNameOf();
  const captionId = useId();
  const minutes = (s: number | null) => (s === null ? 0 : Math.round((s / 60) * 10) / 10);
  const data = report.byPoint.map((p) => ({ name: nameOf(p), p50: minutes(p.figures.lobbyWaitP50S), p90: minutes(p.figures.lobbyWaitP90S) }));
  return (
    <figure className="report-chart" aria-labelledby={captionId}>
      <figcaption id={captionId}>
        {t('reports.waitChartTitle')} <span className="muted">{t('reports.chartSummary')}</span>
      </figcaption>
      <div aria-hidden="true">
        <ResponsiveContainer width="100%" height={260}>
          <BarChart data={data} accessibilityLayer={false}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="name" />
            <YAxis unit=" min" />
            <Tooltip />
            <Legend />
            <Bar dataKey="p50" name={t('reports.waitP50')} fill={chartColours[0]} isAnimationActive={false} />
            <Bar dataKey="p90" name={t('reports.waitP90')} fill={chartColours[1]} isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </div>
    </figure>
  );
}

function Report({ user }: { user: StaffUser }) {
  const { t } = useTranslation();
  const nameOf = useNameOf();
  const monthId = useId();
  const isPlatformAdmin = hasRole(user, 'platformAdmin');
  const own = user.roles.flatMap((r) => (r.kind === 'providerAdmin' ? [r.providerId as string] : []));
  const [month, setMonth] = useState(isoMonthOf(new Date()));
  const [providerId, setProviderId] = useState(!isPlatformAdmin && own.length === 1 ? (own[0] ?? '') : '');
  const providers = useLoad(() => recordsApi.providers(), []);
  const report = useLoad(() => eventsApi.monthly(month, providerId), [month, providerId]);
  const choosable = providers.state.kind === 'ready' ? providers.state.data.filter((p) => isPlatformAdmin || own.includes(p.id)) : [];
  const billingProvider = providerId || (own.length === 1 && !isPlatformAdmin ? own[0] : '');

  return (
    <>
      <p className="lead">{t('reports.intro')}</p>
      <div className="toolbar-row">
        <div className="field">
          <label htmlFor={monthId}>{t('reports.month')}</label>
          <input id={monthId} type="month" value={month} onChange={(e) => /^\d{4}-\d{2}$/.test(e.target.value) && setMonth(e.target.value)} />
        </div>
        {(isPlatformAdmin || own.length > 1) && (
          <Select id="report-provider" label={t('reports.provider')} value={providerId} onChange={setProviderId}>
            <option value="">{t('reports.allProviders')}</option>
            {choosable.map((p) => (
              <option key={p.id} value={p.id}>
                {nameOf(p)}
              </option>
            ))}
          </Select>
        )}
      </div>
      <p className="downloads">
        <a className="button" href={`/api/reports/monthly.csv?${reportQuery(month, providerId)}`} download>
          {t('reports.downloadCsv')}
        </a>{' '}
        {billingProvider ? (
          <a className="button" href={`/api/reports/billing.csv?${reportQuery(month, billingProvider)}`} download>
            {t('reports.downloadBilling')}
          </a>
        ) : (
          <span className="muted">{t('reports.billingNeedsProvider')}</span>
        )}
      </p>
      <Loading state={report.state} />
      {report.state.kind === 'ready' && (
        <>
          {report.state.data.total.events === 0 && report.state.data.total.noShows === 0 ? (
            <p role="status">{t('reports.none')}</p>
          ) : (
            <>
              <ReportTable caption={t('reports.total')} rows={[{ key: 'total', name: t('reports.total'), figures: report.state.data.total }]} classifications={report.state.data.classifications} />
              <ClassificationChart report={report.state.data} />
              <ReportTable caption={t('reports.byProvider')} rows={rowsOf(report.state.data.byProvider, nameOf)} classifications={report.state.data.classifications} />
              <ReportTable caption={t('reports.byPoint')} rows={rowsOf(report.state.data.byPoint, nameOf)} classifications={report.state.data.classifications} />
              <WaitChart report={report.state.data} />
              <ReportTable caption={t('reports.byService')} rows={rowsOf(report.state.data.byService, nameOf)} classifications={report.state.data.classifications} />
            </>
          )}
        </>
      )}
    </>
  );
}

/** Monthly reports with charts and CSV downloads, for provider admins (their own provider) and platform admins. */
export function ReportsPage() {
  const { t } = useTranslation();
  return (
    <StaffLayout title={t('reports.title')} allow={(u) => hasRole(u, 'platformAdmin') || hasRole(u, 'providerAdmin')}>
      {(user: StaffUser) => <Report user={user} />}
    </StaffLayout>
  );
}
