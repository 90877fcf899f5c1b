import { useTranslation } from 'react-i18next';
import type { BookingState } from '@kanava/shared';

export function StateBadge({ state }: { state: BookingState }) {
  const { t } = useTranslation();
  return <span className={`status-badge booking-${state}`}>{t(`booking.state.${state}`)}</span>;
}
