import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Bar, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { PublicServicePoint, StaffUser } from '@kanava/shared';
import { fetchPoints } from '../../api.ts';
import { hasRole } from '../../auth/session.ts';
import { StaffLayout } from '../admin/StaffLayout.tsx';
import { Loading, Select, useLoad, useNameOf } from '../admin/ui.tsx';
import { eventsApi } from '../../events/eventsApi.ts';
import { ReportTable, rowsOf } from './ReportTable.tsx';
import './reports.css';

function Pilot({ user }: { user: StaffUser }) {
  const { t, i18n } = useTranslation();
  const nameOf = useNameOf();
  const weeksId = useId();
  const chartId = useId();
  const [points, setPoints] = useState<PublicServicePoint[]>([]);
  const [pointId, setPointId] = useState('');
  const [weeks, setWeeks] = useState(6);
  const own = user.roles.flatMap((r) => (r.kind === 'providerAdmin' ? [r.providerId as string] : []));
  const providerId = !hasRole(user, 'platformAdmin') && own.length === 1 ? (own[0] ?? '') : '';
  useEffect(() => {
    void fetchPoints().then((list) => {
      setPoints(list ?? []);
      if (list?.[0]) setPointId((current) => current || (list[0]?.id ?? ''));
    });
  }, []);
  const pilot = useLoad(() => (pointId ? eventsApi.pilot(pointId, weeks, providerId) : Promise.resolve({ ok: false as const, status: 0, code: 'none', message: '', fields: [] })), [pointId, weeks, providerId]);
  const date = (iso: string) => new Intl.DateTimeFormat(i18n.language === 'en' ? 'en-GB' : `${i18n.language}-FI`, { dateStyle: 'long', timeZone: 'Europe/Helsinki' }).format(new Date(iso));

  return (
    <>
      <p className="lead">{t('reports.pilotIntro')}</p>
      <div className="toolbar-row">
        <Select id="pilot-point" label={t('reports.point')} value={pointId} onChange={setPointId}>
          {points.map((p) => (
            <option key={p.id} value={p.id}>
              {nameOf(p)}
            </option>
          ))}
        </Select>
        <div className="field">
          <label htmlFor={weeksId}>{t('reports.weeks')}</label>
          <input id={weeksId} type="number" min={1} max={26} value={weeks} onChange={(e) => { const v = Number(e.target.value); if (v >= 1 && v <= 26) setWeeks(v); }} />
        </div>
      </div>
      {pointId && <Loading state={pilot.state} />}
      {pilot.state.kind === 'ready' &&
        (pilot.state.data.goLiveAt === null ? (
          <p role="status">{t('reports.notLive')}</p>
        ) : (
          <>
            <p role="status">{t('reports.goLive', { date: date(pilot.state.data.goLiveAt) })}</p>
            <ReportTable caption={t('reports.pilotTotal')} rows={[{ key: 'total', name: t('reports.pilotTotal'), figures: pilot.state.data.total }]} classifications={pilot.state.data.classifications} />
            <figure className="report-chart" aria-labelledby={chartId}>
              <figcaption id={chartId}>
                {t('reports.pilotChart')} <span className="muted">{t('reports.chartSummary')}</span>
              </figcaption>
              <div aria-hidden="true">
                <ResponsiveContainer width="100%" height={300}>
                  <ComposedChart data={pilot.state.data.byWeek.map((w, i) => ({ week: `${t('reports.week')} ${i + 1}`, events: w.figures.events, wait: w.figures.lobbyWaitP50S ?? 0 }))} accessibilityLayer={false}>
                    <CartesianGrid strokeDasharray="3 3" />
                    <XAxis dataKey="week" />
                    <YAxis yAxisId="events" allowDecimals={false} />
                    <YAxis yAxisId="wait" orientation="right" unit=" s" />
                    <Tooltip />
                    <Legend />
                    <Bar yAxisId="events" dataKey="events" name={t('reports.events')} fill="#1a4e8a" isAnimationActive={false} />
                    <Line yAxisId="wait" dataKey="wait" name={t('reports.waitP50')} stroke="#b35900" strokeWidth={2} isAnimationActive={false} />
                  </ComposedChart>
                </ResponsiveContainer>
              </div>
            </figure>
            <ReportTable caption={t('reports.week')} rows={rowsOf(pilot.state.data.byWeek, nameOf)} classifications={pilot.state.data.classifications} />
          </>
        ))}
    </>
  );
}

/** The pilot view: a point's first weeks after go-live, week by week. */
export function PilotPage() {
  const { t } = useTranslation();
  return (
    <StaffLayout title={t('reports.pilotTitle')} allow={(u) => hasRole(u, 'platformAdmin') || hasRole(u, 'providerAdmin')}>
      {(user: StaffUser) => <Pilot user={user} />}
    </StaffLayout>
  );
}
