import { useTranslation } from 'react-i18next';
import { weekdays, type BookableRule, type StaffUser } from '@kanava/shared';
import { hasRole } from '../../auth/session.ts';
import { ProviderChoice, useMyProviders } from '../admin/ProviderChoice.tsx';
import { RecordForm, useRecordForm } from '../admin/RecordForm.tsx';
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
  const rule = useRecordForm(emptyRule);
  const exception = useRecordForm(emptyException);
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

  const addRule = rule.onSubmit((r) => bookingApi.addRule({ ...r, slotMinutes: Number(r.slotMinutes), bufferMinutes: Number(r.bufferMinutes) }), t('booking.times.added'), times.reload);
  const addException = exception.onSubmit(
    (x) => bookingApi.addException({ providerId, expertId: x.expertId || null, date: x.date, from: x.from || null, to: x.to || null, note: x.note }),
    t('booking.times.exceptionAdded'),
    () => {
      exception.reset();
      times.reload();
    },
  );

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
        <RecordForm id="new-rule" title={t('booking.times.newRule')} level={3} onSubmit={addRule} state={rule.save.state} labels={ruleLabels} submitLabel={t('booking.times.add')}>
          <div className="grid-2">
            <Select id="rule-service" label={ruleLabels.serviceId} {...rule.bind('serviceId')}>
              <option value="">–</option>
              {serviceList.map((s) => (
                <option key={s.id} value={s.id}>
                  {nameOf(s)}
                </option>
              ))}
            </Select>
            <Select id="rule-expert" label={ruleLabels.expertId} {...rule.bind('expertId')}>
              <option value="">–</option>
              {experts.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.displayName}
                </option>
              ))}
            </Select>
            <Select id="rule-weekday" label={ruleLabels.weekday} {...rule.bind('weekday')}>
              {weekdays.map((d) => (
                <option key={d} value={d}>
                  {t(`records.weekday.${d}`)}
                </option>
              ))}
            </Select>
            <Field id="rule-from" label={ruleLabels.from} help={t('booking.times.gridHelp')} {...rule.bind('from')} required />
            <Field id="rule-to" label={ruleLabels.to} {...rule.bind('to')} required />
            <Field id="rule-slot" type="number" label={ruleLabels.slotMinutes} {...rule.bind('slotMinutes')} required />
            <Field id="rule-buffer" type="number" label={ruleLabels.bufferMinutes} {...rule.bind('bufferMinutes')} required />
          </div>
        </RecordForm>
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
        <RecordForm id="new-exception" title={t('booking.times.newException')} level={3} onSubmit={addException} state={exception.save.state} submitLabel={t('booking.times.add')}>
          <div className="grid-2">
            <Select id="exception-expert" label={t('booking.times.exceptionExpert')} {...exception.bind('expertId')}>
              <option value="">{t('booking.times.wholeProvider')}</option>
              {experts.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.displayName}
                </option>
              ))}
            </Select>
            <Field id="exception-date" type="date" label={t('booking.times.date')} {...exception.bind('date')} required />
            <Field id="exception-from" label={t('booking.times.exceptionFrom')} {...exception.bind('from')} />
            <Field id="exception-to" label={t('booking.times.exceptionTo')} {...exception.bind('to')} />
            <Field id="exception-note" label={t('booking.times.note')} {...exception.bind('note')} />
          </div>
        </RecordForm>
      </section>
    </>
  );
}

function ProviderTimes({ user }: { user: StaffUser }) {
  const { t } = useTranslation();
  const providers = useMyProviders(user);
  return (
    <>
      <p className="lead">{t('booking.times.intro')}</p>
      <ProviderChoice id="times-provider" label={t('booking.times.provider')} providers={providers} nameAsLead={false} />
      {providers.providerId && <Times key={providers.providerId} providerId={providers.providerId} />}
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
