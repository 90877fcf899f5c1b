import { useEffect, useState } from 'react';
import { StaffUserSchema, type StaffUser } from '@kanava/shared';

export type StaffSession = { kind: 'loading' } | { kind: 'signedIn'; user: StaffUser } | { kind: 'signedOut' };

/** Who is signed in on this browser, if anyone (staff only; customers never sign in). */
export async function fetchStaffSession(): Promise<StaffSession> {
  try {
    const res = await fetch('/api/auth/me', { headers: { accept: 'application/json' }, credentials: 'same-origin' });
    if (!res.ok) return { kind: 'signedOut' };
    const parsed = StaffUserSchema.safeParse(await res.json());
    return parsed.success ? { kind: 'signedIn', user: parsed.data } : { kind: 'signedOut' };
  } catch {
    return { kind: 'signedOut' };
  }
}

export function useStaffSession(): StaffSession {
  const [session, setSession] = useState<StaffSession>({ kind: 'loading' });
  useEffect(() => {
    let cancelled = false;
    void fetchStaffSession().then((s) => {
      if (!cancelled) setSession(s);
    });
    return () => {
      cancelled = true;
    };
  }, []);
  return session;
}
