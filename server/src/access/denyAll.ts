import type { PointAccess, StaffAuthenticator } from './AccessPolicy.ts';

/**
 * The safe answer when no records are wired in: nobody is signed in, no kiosk token is
 * valid, no point is served. Replaced by the records module's implementation in app.ts.
 */
export const denyAllStaff: StaffAuthenticator = {
  async fromCookieHeader() {
    return undefined;
  },
};

export const denyAllPoints: PointAccess = {
  async providersServing() {
    return [];
  },
  async pointsOf() {
    return [];
  },
  async verifyKioskToken() {
    return false;
  },
};
