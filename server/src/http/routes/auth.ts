import express, { type Router } from 'express';
import { rateLimit } from 'express-rate-limit';
import { KanavaError, PasswordChangeSchema, SignInSchema, type SignInOptions } from '@kanava/shared';
import { sessionClearCookie, sessionSetCookie, type CookieSettings } from '../../auth/cookies.ts';
import type { StaffSessions } from '../../auth/StaffSessions.ts';
import type { OidcSignIn } from '../../auth/oidc.ts';
import { parse, signedIn, ValidationError } from './support.ts';

export interface AuthRoutesDeps {
  sessions: StaffSessions;
  cookies: CookieSettings;
  oidc: OidcSignIn | undefined;
  signInRateLimitPerMinute: number;
}

/** Sign-in, sign-out, who am I, password change, and the organisation (OIDC) sign-in. */
export function authRoutes({ sessions, cookies, oidc, signInRateLimitPerMinute }: AuthRoutesDeps): Router {
  const r = express.Router();

  // Per address, across accounts: slows down trying one password on many accounts
  // (the per-account lock-out handles many passwords on one account).
  const signInLimiter = rateLimit({
    windowMs: 60_000,
    limit: signInRateLimitPerMinute,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    handler: (_req, _res, next) => next(new KanavaError('rateLimited', 'too many sign-in attempts from this address; wait a minute')),
  });

  r.post('/auth/sign-in', signInLimiter, async (req, res) => {
    const { email, password } = parse(SignInSchema, req.body);
    const result = await sessions.signIn(email, password);
    switch (result.kind) {
      case 'signedIn':
        res.setHeader('Set-Cookie', sessionSetCookie(result.token, sessions.sessionSeconds, cookies));
        res.json(result.user);
        return;
      case 'invalid':
        throw new KanavaError('unauthenticated', 'wrong e-mail address or password');
      case 'locked':
        res.setHeader('Retry-After', String(Math.max(1, Math.ceil((result.until.getTime() - Date.now()) / 1000))));
        throw new KanavaError('rateLimited', `too many failed sign-ins: the account is locked until ${result.until.toISOString()}`);
      default: {
        const never: never = result;
        throw new Error(`unexpected sign-in result ${JSON.stringify(never)}`);
      }
    }
  });

  r.post('/auth/sign-out', async (_req, res) => {
    if (res.locals.sessionToken) await sessions.signOut(res.locals.sessionToken);
    res.setHeader('Set-Cookie', sessionClearCookie(cookies));
    res.status(204).end();
  });

  r.get('/auth/me', (_req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    res.json(signedIn(res));
  });

  r.post('/auth/password', async (req, res) => {
    const user = signedIn(res);
    const { currentPassword, newPassword } = parse(PasswordChangeSchema, req.body);
    const token = res.locals.sessionToken ?? '';
    const result = await sessions.changePassword(user, token, currentPassword, newPassword);
    if (result === 'wrongPassword') throw new ValidationError([{ path: 'currentPassword', message: 'wrong password' }]);
    res.status(204).end();
  });

  r.get('/auth/options', (_req, res) => {
    const options: SignInOptions = { oidc: oidc ? { label: oidc.label } : null };
    res.json(options);
  });

  if (oidc) {
    r.get('/auth/oidc/start', async (_req, res) => {
      const { redirectTo, transactionCookie } = await oidc.start();
      res.setHeader('Set-Cookie', transactionCookie);
      res.redirect(302, redirectTo);
    });
    r.get('/auth/oidc/callback', async (req, res) => {
      const outcome = await oidc.finish(new URL(req.originalUrl, oidc.redirectUrl), req.headers.cookie);
      const setCookies = [oidc.clearTransactionCookie()];
      if (outcome.kind === 'signedIn') {
        const started = await sessions.startSession(outcome.accountId);
        if (started.kind === 'signedIn') {
          setCookies.push(sessionSetCookie(started.token, sessions.sessionSeconds, cookies));
          res.setHeader('Set-Cookie', setCookies);
          res.redirect(302, '/staff');
          return;
        }
      }
      res.setHeader('Set-Cookie', setCookies);
      res.redirect(302, `/sign-in?error=${outcome.kind === 'signedIn' ? 'noAccount' : outcome.kind}`);
    });
  }

  return r;
}
