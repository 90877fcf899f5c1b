import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Service } from '@kanava/shared';
import { useNameOf } from '../pages/admin/ui.tsx';
import { QualityPolicyEditor } from './QualityPolicyEditor.tsx';

/** On the provider's service screen: pick one of its services and edit that service's quality requirements. */
export function ServiceQualityPolicies({ services }: { services: readonly Service[] }) {
  const { t } = useTranslation();
  const nameOf = useNameOf();
  const selectId = useId();
  const [chosen, setChosen] = useState('');
  const service = services.find((s) => s.id === chosen) ?? services[0];
  if (!service) return null;
  return (
    <div className="quality-policies">
      <div className="field">
        <label htmlFor={selectId}>{t('quality.policy.chooseService')}</label>
        <select id={selectId} value={service.id} onChange={(e) => setChosen(e.target.value)}>
          {services.map((s) => (
            <option key={s.id} value={s.id}>
              {nameOf(s)}
            </option>
          ))}
        </select>
      </div>
      <QualityPolicyEditor key={service.id} target={{ kind: 'service', serviceId: service.id, serviceName: nameOf(service) }} />
    </div>
  );
}
