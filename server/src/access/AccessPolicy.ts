import type { PointSlug, ProviderId, PublicServicePoint, ServicePointId, StaffUser } from '@kanava/shared';

/**
 * Who may be where. The signalling layer (lobby, call) asks these questions;
 * the records module (accounts, agreements, point registry) answers them.
 */
export interface StaffAuthenticator {
  /** The staff member signed in with the session cookie in this Cookie header, if any. */
  fromCookieHeader(cookieHeader: string | undefined): Promise<StaffUser | undefined>;
}

export interface PointAccess {
  /** Providers whose services are available at the point through an agreement valid at `at`. */
  providersServing(pointId: ServicePointId, at: Date): Promise<ProviderId[]>;
  /** The points whose rooms this staff member may enter as staff: advisors their points; experts the points their providers serve. */
  pointsOf(user: StaffUser, at: Date): Promise<PublicServicePoint[]>;
  /** True when `token` is the point's current kiosk token (the fixed link's secret). */
  verifyKioskToken(slug: PointSlug, token: string): Promise<boolean>;
}
