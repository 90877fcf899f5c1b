import { useCallback, useEffect, useState } from 'react';
import { z } from 'zod';
import { SignInOptionsSchema, StaffUserSchema, type StaffRole, type StaffUser } from '@kanava/shared';
import { api } from './api.ts';

export type Session = { kind: 'loading' } | { kind: 'signedOut' } | { kind: 'signedIn'; user: StaffUser };

/** The signed-in staff member of this browser; `reload` after signing in or out. */
export function useSession(): { session: Session; reload: () => void } {
  const [session, setSession] = useState<Session>({ kind: 'loading' });
  const [version, setVersion] = useState(0);
  useEffect(() => {
    let cancelled = false;
    void api('GET', '/api/auth/me', StaffUserSchema).then((r) => {
      if (!cancelled) setSession(r.ok ? { kind: 'signedIn', user: r.data } : { kind: 'signedOut' });
    });
    return () => {
      cancelled = true;
    };
  }, [version]);
  const reload = useCallback(() => setVersion((v) => v + 1), []);
  return { session, reload };
}

export const signIn = (email: string, password: string) => api('POST', '/api/auth/sign-in', StaffUserSchema, { email, password });
export const signOut = () => api('POST', '/api/auth/sign-out', z.undefined(), {});
export const changePassword = (currentPassword: string, newPassword: string) =>
  api('POST', '/api/auth/password', z.undefined(), { currentPassword, newPassword });
export const signInOptions = () => api('GET', '/api/auth/options', SignInOptionsSchema);

export const hasRole = (u: StaffUser, kind: StaffRole['kind']) => u.roles.some((r) => r.kind === kind);

/** Where a staff member starts after signing in: the screen of their most far-reaching role. */
export function homeOf(u: StaffUser): string {
  if (hasRole(u, 'platformAdmin')) return '/admin/points';
  if (hasRole(u, 'providerAdmin')) return '/provider';
  if (hasRole(u, 'advisor')) return '/advisor';
  return '/staff';
}
