import type { ServiceEvent, StaffUser } from '@kanava/shared';
import { advisesPoint, isPlatformAdmin, providersAdministeredBy, providersServedBy } from '../auth/permissions.ts';

/**
 * Who may do what with a service event. The event names no customer, but it does say who
 * served whom when, so it is shown only to those with a part in it.
 */

function isEventsExpert(u: StaffUser, e: ServiceEvent): boolean {
  return e.expert.accountId === u.id || (e.provider !== null && providersServedBy(u).includes(e.provider.id));
}

export function mayReadEvent(u: StaffUser, e: ServiceEvent): boolean {
  return (
    isPlatformAdmin(u) ||
    (e.provider !== null && providersAdministeredBy(u).includes(e.provider.id)) ||
    isEventsExpert(u, e) ||
    advisesPoint(u, e.point.id)
  );
}

/** The expert or advisor picks the classification (operating guide §4): the event's expert, its provider's experts, the point's advisors. */
export function mayClassifyEvent(u: StaffUser, e: ServiceEvent): boolean {
  return isEventsExpert(u, e) || advisesPoint(u, e.point.id);
}

/** The staff's own connection rating: the expert who served and the point's advisors. */
export function staffRatingRole(u: StaffUser, e: ServiceEvent): 'expert' | 'advisor' | undefined {
  if (e.expert.accountId === u.id) return 'expert';
  if (advisesPoint(u, e.point.id)) return 'advisor';
  return undefined;
}
