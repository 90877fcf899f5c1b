import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PeerId, QualityIncident } from '@kanava/shared';
import './quality.css';

interface Props {
  incidents: readonly QualityIncident[];
  /** Display names of the others; our own incidents are announced as "You". */
  nameOf: (peerId: PeerId) => string | undefined;
}

/**
 * Says out loud (polite live region) when someone's quality falls below the minimum and when
 * it recovers; the latest line also stays visible for sighted users.
 */
export function QualityAnnouncer({ incidents, nameOf }: Props) {
  const { t } = useTranslation();
  const seen = useRef(new Map<string, boolean>());
  const [line, setLine] = useState('');
  useEffect(() => {
    for (const incident of incidents) {
      const closed = incident.endedAt !== null;
      if (seen.current.get(incident.incidentId) === closed) continue;
      seen.current.set(incident.incidentId, closed);
      const name = nameOf(incident.peerId) ?? t('quality.you');
      setLine(
        closed
          ? t('quality.closed', { name })
          : t('quality.opened', { name, reasons: incident.reasons.map((r) => t(`quality.reason.${r}`)).join(', ') }),
      );
    }
  }, [incidents, nameOf, t]);
  return (
    <p role="status" aria-live="polite" className="quality-announcer" data-testid="quality-announcer">
      {line}
    </p>
  );
}
