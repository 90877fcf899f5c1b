import express, { type Router } from 'express';
import { sessionTokenFrom, type CookieSettings } from '../../auth/cookies.ts';
import type { OidcSignIn } from '../../auth/oidc.ts';
import type { StaffSessions } from '../../auth/StaffSessions.ts';
import type { Logger } from '../../logger.ts';
import type { Mailer } from '../../records/mailer.ts';
import type { Records } from '../../records/Records.ts';
import { accountRoutes } from './accounts.ts';
import { agreementRoutes } from './agreements.ts';
import { auditRoutes } from './audit.ts';
import type { BookingContext } from '../../booking/context.ts';
import { bookingRoutes } from './bookings.ts';
import { bookingTimeRoutes } from './bookingTimes.ts';
import { authRoutes } from './auth.ts';
import { checklistRoutes } from './checklist.ts';
import { pointRoutes } from './points.ts';
import { providerRoutes } from './providers.ts';
import { serviceRoutes } from './services.ts';
import { qualityPolicyRoutes } from '../../quality/policyRoutes.ts';
import { refuseFormPosts } from './support.ts';
import type { EventsContext } from '../../events/context.ts';
import { eventRoutes } from '../../events/eventRoutes.ts';
import { reportRoutes } from '../../reports/reportRoutes.ts';

export interface ApiDeps {
  records: Records;
  sessions: StaffSessions;
  cookies: CookieSettings;
  oidc: OidcSignIn | undefined;
  mailer: Mailer;
  publicUrl: () => string;
  signInRateLimitPerMinute: number;
  log: Logger;
  now?: () => Date;
  /** The booking service (bookable times, bookings, agenda, day view); left out, its API is absent. */
  booking?: BookingContext;
  /** Service events and reports; left out, their API is absent. */
  events?: EventsContext;
}

/** The records and auth API: JSON bodies, the session middleware, then one router per resource. */
export function createApiRouter(deps: ApiDeps): Router {
  const api = express.Router();
  const now = deps.now ?? (() => new Date());
  api.use(refuseFormPosts);
  api.use(express.json({ limit: '200kb' }));
  api.use(async (req, res, next) => {
    const token = sessionTokenFrom(req.headers.cookie);
    if (token) {
      const user = await deps.sessions.userForToken(token);
      if (user) {
        res.locals.staff = user;
        res.locals.sessionToken = token;
      }
    }
    next();
  });
  api.use(authRoutes(deps));
  const ctx = { records: deps.records, now, mailer: deps.mailer, publicUrl: deps.publicUrl, log: deps.log };
  api.use(pointRoutes(ctx));
  api.use(checklistRoutes(ctx));
  api.use(providerRoutes(ctx));
  api.use(serviceRoutes(ctx));
  api.use(qualityPolicyRoutes(ctx));
  api.use(agreementRoutes(ctx));
  api.use(accountRoutes(ctx));
  api.use(auditRoutes(ctx));
  if (deps.booking) {
    api.use(bookingTimeRoutes(deps.booking));
    api.use(bookingRoutes(deps.booking));
  }
  if (deps.events) {
    api.use(eventRoutes(deps.events));
    api.use(reportRoutes(deps.events));
  }
  return api;
}

export type RouteContext = {
  records: Records;
  now: () => Date;
  mailer: Mailer;
  publicUrl: () => string;
  log: Logger;
};
