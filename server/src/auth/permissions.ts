import type { ProviderId, ServicePointId, StaffRole, StaffUser } from '@kanava/shared';

/** Answers "may this staff member…" from the roles alone; the handlers ask before they act. */

export function isPlatformAdmin(u: StaffUser): boolean {
  return u.roles.some((r) => r.kind === 'platformAdmin');
}

function scopes<K extends StaffRole['kind']>(u: StaffUser, kind: K): Extract<StaffRole, { kind: K }>[] {
  return u.roles.filter((r): r is Extract<StaffRole, { kind: K }> => r.kind === kind);
}

export function providersAdministeredBy(u: StaffUser): ProviderId[] {
  return scopes(u, 'providerAdmin').map((r) => r.providerId);
}

export function providersServedBy(u: StaffUser): ProviderId[] {
  return scopes(u, 'expert').map((r) => r.providerId);
}

export function pointsAdvisedBy(u: StaffUser): ServicePointId[] {
  return scopes(u, 'advisor').map((r) => r.pointId);
}

/** Platform admins and the provider's own admins manage its services, cards and experts. */
export function canManageProvider(u: StaffUser, providerId: ProviderId): boolean {
  return isPlatformAdmin(u) || providersAdministeredBy(u).includes(providerId);
}

/** Its experts also read the provider's services and cards. */
export function canReadProvider(u: StaffUser, providerId: ProviderId): boolean {
  return canManageProvider(u, providerId) || providersServedBy(u).includes(providerId);
}

export function advisesPoint(u: StaffUser, pointId: ServicePointId): boolean {
  return pointsAdvisedBy(u).includes(pointId);
}

/**
 * Roles a provider admin may grant: expert or provider admin of the providers they
 * administer, nothing else (no platform admin, no advisor of a point).
 */
export function canGrant(u: StaffUser, role: StaffRole): boolean {
  if (isPlatformAdmin(u)) return true;
  if (role.kind === 'expert' || role.kind === 'providerAdmin') return providersAdministeredBy(u).includes(role.providerId);
  return false;
}
