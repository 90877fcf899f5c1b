import { parseCookie, stringifySetCookie } from 'cookie';

export const SESSION_COOKIE = 'kanava_session';

export interface CookieSettings {
  /** Only over HTTPS: true when Kanava's public URL is https. */
  secure: boolean;
}

/** The session token from a Cookie header, if it has one. */
export function sessionTokenFrom(cookieHeader: string | undefined): string | undefined {
  if (!cookieHeader) return undefined;
  const token = parseCookie(cookieHeader)[SESSION_COOKIE];
  return token && /^[A-Za-z0-9_-]{20,100}$/.test(token) ? token : undefined;
}

/**
 * httpOnly: scripts cannot read it. SameSite=Strict: no other site can make the browser
 * send it (cross-site request forgery), not even through a link.
 */
export function sessionSetCookie(token: string, maxAgeSeconds: number, s: CookieSettings): string {
  return stringifySetCookie({
    name: SESSION_COOKIE,
    value: token,
    httpOnly: true,
    sameSite: 'strict',
    secure: s.secure,
    path: '/',
    maxAge: maxAgeSeconds,
  });
}

export function sessionClearCookie(s: CookieSettings): string {
  return stringifySetCookie({ name: SESSION_COOKIE, value: '', httpOnly: true, sameSite: 'strict', secure: s.secure, path: '/', maxAge: 0 });
}
