import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { weekdays, type BookableRule, type StaffUser } from '@kanava/shared';
import { hasRole } from '../../auth/session.ts';
import { recordsApi } from '../admin/recordsApi.ts';
import { StaffLayout } from '../admin/StaffLayout.tsx';
import { Field, Loading, SaveMessage, Select, useLoad, useNameOf, useSave } from '../admin/ui.tsx';
import { bookingApi } from './bookingApi.ts';
import './booking.css';

const emptyRule = { serviceId: '', expertId: '', weekday: 'tue', from: '09:00', to: '12:00', slotMinutes: '30', bufferMinutes: '10' };
const emptyException = { expertId: '', date: '', from: '', to: '', note: '' };

function Times({ providerId }: { providerId: string }) {
  const { t } = useTranslation();
  const nameOf = useNameOf();
  const times = useLoad(() => bookingApi.times(providerId), [providerId]);
  const services = useLoad(() => recordsApi.services(providerId), [providerId]);
  const accounts = useLoad(() => recordsApi.providerAccounts(providerId), [providerId]);
  const [rule, setRule] = useState(emptyRule);
  const [exception, setException] = useState(emptyException);
  const saveRule = useSave();
  const saveException = useSave();
  const removal = useSave();
  const serviceList = services.state.kind === 'ready' ? services.state.data : [];
  const experts = (accounts.state.kind === 'ready' ? accounts.state.data : []).filter((a) => a.roles.some((r) => r.kind === 'expert' && r.providerId === providerId));
  const expertName = (id: string | null) => experts.find((a) => a.id === id)?.displayName ?? id ?? '';
  const serviceName = (id: string) => {
    const s = serviceList.find((x) => x.id === id);
    return s ? nameOf(s) : id;
  };
  const ruleText = (r: BookableRule) =>
    t('booking.times.ruleText', { weekday: t(`records.weekday.${r.weekday}`), from: r.from, to: r.to, slot: r.slotMinutes, buffer: r.bufferMinutes });
  const ruleLabels = {
    serviceId: t('booking.times.service'),
    expertId: t('booking.times.expert'),
    weekday: t('booking.times.weekday'),
    from: t('booking.times.from'),
    to: t('booking.times.to'),
    slotMinutes: t('booking.times.slotMinutes'),
    bufferMinutes: t('booking.times.bufferMinutes'),
  };

  async function addRule(e: FormEvent) {
    e.preventDefault();
    const body = { ...rule, slotMinutes: Number(rule.slotMinutes), bufferMinutes: Number(rule.bufferMinutes) };
    if (await saveRule.run(() => bookingApi.addRule(body), t('booking.times.added'))) times.reload();
  }

  async function addException(e: FormEvent) {
    e.preventDefault();
    const body = { providerId, expertId: exception.expertId || null, date: exception.date, from: exception.from || null, to: exception.to || null, note: exception.note };
    if (await saveException.run(() => bookingApi.addException(body), t('booking.times.exceptionAdded'))) {
      setException(emptyException);
      times.reload();
    }
  }

  return (
    <>
      <section className="section" aria-labelledby="rules-title">
        <h2 id="rules-title">{t('booking.times.rules')}</h2>
        <Loading state={times.state} />
        <SaveMessage state={removal.state} />
        {times.state.kind === 'ready' &&
          (times.state.data.rules.length === 0 ? (
            <p>{t('booking.times.noRules')}</p>
          ) : (
            <table className="records">
              <thead>
                <tr>
                  <th scope="col">{t('booking.times.service')}</th>
                  <th scope="col">{t('booking.times.expert')}</th>
                  <th scope="col">{t('booking.times.rules')}</th>
                  <th scope="col">{t('admin.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {times.state.data.rules.map((r) => (
                  <tr key={r.id}>
                    <td>{serviceName(r.serviceId)}</td>
                    <td>{expertName(r.expertId)}</td>
                    <td>{ruleText(r)}</td>
                    <td>
                      <button
                        type="button"
                        aria-label={t('booking.times.removeLabel', { text: `${serviceName(r.serviceId)}, ${expertName(r.expertId)}, ${ruleText(r)}` })}
                        onClick={() => void removal.run(() => bookingApi.removeRule(r.id), t('booking.times.removed')).then(times.reload)}
                      >
                        {t('booking.times.remove')}
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ))}
        <form className="form" onSubmit={(e) => void addRule(e)} noValidate aria-labelledby="new-rule-title">
          <h3 id="new-rule-title">{t('booking.times.newRule')}</h3>
          <div className="grid-2">
            <Select id="rule-service" label={ruleLabels.serviceId} value={rule.serviceId} onChange={(v) => setRule((x) => ({ ...x, serviceId: v }))} error={saveRule.fieldError('serviceId')}>
              <option value="">–</option>
              {serviceList.map((s) => (
                <option key={s.id} value={s.id}>
                  {nameOf(s)}
                </option>
              ))}
            </Select>
            <Select id="rule-expert" label={ruleLabels.expertId} value={rule.expertId} onChange={(v) => setRule((x) => ({ ...x, expertId: v }))} error={saveRule.fieldError('expertId')}>
              <option value="">–</option>
              {experts.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.displayName}
                </option>
              ))}
            </Select>
            <Select id="rule-weekday" label={ruleLabels.weekday} value={rule.weekday} onChange={(v) => setRule((x) => ({ ...x, weekday: v }))}>
              {weekdays.map((d) => (
                <option key={d} value={d}>
                  {t(`records.weekday.${d}`)}
                </option>
              ))}
            </Select>
            <Field id="rule-from" label={ruleLabels.from} help={t('booking.times.gridHelp')} value={rule.from} onChange={(v) => setRule((x) => ({ ...x, from: v }))} error={saveRule.fieldError('from')} required />
            <Field id="rule-to" label={ruleLabels.to} value={rule.to} onChange={(v) => setRule((x) => ({ ...x, to: v }))} error={saveRule.fieldError('to')} required />
            <Field id="rule-slot" type="number" label={ruleLabels.slotMinutes} value={rule.slotMinutes} onChange={(v) => setRule((x) => ({ ...x, slotMinutes: v }))} error={saveRule.fieldError('slotMinutes')} required />
            <Field id="rule-buffer" type="number" label={ruleLabels.bufferMinutes} value={rule.bufferMinutes} onChange={(v) => setRule((x) => ({ ...x, bufferMinutes: v }))} error={saveRule.fieldError('bufferMinutes')} required />
          </div>
          <SaveMessage state={saveRule.state} labels={ruleLabels} />
          <div>
            <button type="submit" className="primary">
              {t('booking.times.add')}
            </button>
          </div>
        </form>
      </section>
      <section className="section" aria-labelledby="exceptions-title">
        <h2 id="exceptions-title">{t('booking.times.exceptions')}</h2>
        {times.state.kind === 'ready' &&
          (times.state.data.exceptions.length === 0 ? (
            <p>{t('booking.times.noExceptions')}</p>
          ) : (
            <ul className="plain">
              {times.state.data.exceptions.map((x) => (
                <li key={x.id}>
                  {x.date} · {x.from && x.to ? `${x.from}–${x.to}` : t('booking.times.wholeDay')} · {x.expertId ? expertName(x.expertId) : t('booking.times.wholeProvider')}
                  {x.note && ` · ${x.note}`}{' '}
                  <button
                    type="button"
                    aria-label={t('booking.times.removeLabel', { text: `${x.date} ${x.note}` })}
                    onClick={() => void removal.run(() => bookingApi.removeException(x.id), t('booking.times.removed')).then(times.reload)}
                  >
                    {t('booking.times.remove')}
                  </button>
                </li>
              ))}
            </ul>
          ))}
        <form className="form" onSubmit={(e) => void addException(e)} noValidate aria-labelledby="new-exception-title">
          <h3 id="new-exception-title">{t('booking.times.newException')}</h3>
          <div className="grid-2">
            <Select id="exception-expert" label={t('booking.times.exceptionExpert')} value={exception.expertId} onChange={(v) => setException((x) => ({ ...x, expertId: v }))} error={saveException.fieldError('expertId')}>
              <option value="">{t('booking.times.wholeProvider')}</option>
              {experts.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.displayName}
                </option>
              ))}
            </Select>
            <Field id="exception-date" type="date" label={t('booking.times.date')} value={exception.date} onChange={(v) => setException((x) => ({ ...x, date: v }))} error={saveException.fieldError('date')} required />
            <Field id="exception-from" label={t('booking.times.exceptionFrom')} value={exception.from} onChange={(v) => setException((x) => ({ ...x, from: v }))} error={saveException.fieldError('from')} />
            <Field id="exception-to" label={t('booking.times.exceptionTo')} value={exception.to} onChange={(v) => setException((x) => ({ ...x, to: v }))} error={saveException.fieldError('to')} />
            <Field id="exception-note" label={t('booking.times.note')} value={exception.note} onChange={(v) => setException((x) => ({ ...x, note: v }))} error={saveException.fieldError('note')} />
          </div>
          <SaveMessage state={saveException.state} />
          <div>
            <button type="submit" className="primary">
              {t('booking.times.add')}
            </button>
          </div>
        </form>
      </section>
    </>
  );
}

function ProviderTimes({ user }: { user: StaffUser }) {
  const { t } = useTranslation();
  const nameOf = useNameOf();
  const providers = useLoad(() => recordsApi.providers(), []);
  const mine = providers.state.kind === 'ready' ? providers.state.data.filter((p) => hasRole(user, 'platformAdmin') || user.roles.some((r) => r.kind === 'providerAdmin' && r.providerId === p.id)) : [];
  const [chosen, setChosen] = useState('');
  const providerId = chosen || mine[0]?.id || '';
  return (
    <>
      <p className="lead">{t('booking.times.intro')}</p>
      <Loading state={providers.state} />
      {mine.length > 1 && (
        <Select id="times-provider" label={t('booking.times.provider')} value={providerId} onChange={setChosen}>
          {mine.map((p) => (
            <option key={p.id} value={p.id}>
              {nameOf(p)}
            </option>
          ))}
        </Select>
      )}
      {mine.length === 1 && mine[0] && <p>{nameOf(mine[0])}</p>}
      {providerId && <Times key={providerId} providerId={providerId} />}
    </>
  );
}

/** The provider admin's bookable times: weekly rules per service and expert, and exceptions. */
export function BookableTimesPage() {
  const { t } = useTranslation();
  return (
    <StaffLayout title={t('booking.times.title')} allow={(u) => hasRole(u, 'providerAdmin') || hasRole(u, 'platformAdmin')}>
      {(user) => <ProviderTimes user={user} />}
    </StaffLayout>
  );
}
