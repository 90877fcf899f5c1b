import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../db/demoContent.ts';
import { dialects } from '../../db/testing/testDatabases.ts';
import { ApiClient } from './testing/apiClient.ts';
import { startTestKanava, type TestKanava } from './testing/testKanava.ts';

describe.each(dialects)('staff sign-in on %s', (dialect) => {
  let t: TestKanava;
  let base: string;

  beforeAll(async () => {
    t = await startTestKanava(dialect, { KANAVA_SIGNIN_MAX_FAILURES: '3', KANAVA_SIGNIN_LOCK_MINUTES: '10' });
    base = t.kanava.url;
  });
  afterAll(async () => {
    await t.stop();
  });

  it('signs in with e-mail (any case) and password into an httpOnly, SameSite=Strict session that the rooms also recognise', async () => {
    const res = await fetch(`${base}/api/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'Sanna.Advisor@Kanava.Example', password: DEMO_PASSWORD }),
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ email: 'sanna.advisor@kanava.example', roles: [{ kind: 'advisor' }] });
    const cookie = res.headers.getSetCookie()[0] ?? '';
    expect(cookie).toMatch(/^kanava_session=[A-Za-z0-9_-]{43}; Max-Age=43200; Path=\/; HttpOnly; SameSite=Strict$/);
    const header = cookie.split(';')[0];
    const me = await fetch(`${base}/api/auth/me`, { headers: { cookie: header ?? '' } });
    expect(await me.json()).toMatchObject({ displayName: 'Sanna Neuvoja (Kuhmo)' });
    // The same cookie, as the signalling layer sees it on a socket's handshake.
    expect(await t.kanava.access.staff.fromCookieHeader(`other=1; ${header}`)).toMatchObject({ email: 'sanna.advisor@kanava.example' });
    expect(await t.kanava.access.staff.fromCookieHeader('kanava_session=forged-token-that-is-long-enough')).toBeUndefined();
  });

  it('gives the same answer for an unknown account and a wrong password', async () => {
    const c = new ApiClient(base);
    const unknown = await c.request('POST', '/api/auth/sign-in', { email: 'nobody@kanava.example', password: 'whatever-password' });
    const wrong = await c.request('POST', '/api/auth/sign-in', { email: 'ella.expert@kanava.example', password: 'whatever-password' });
    expect(unknown).toMatchObject({ status: 401, json: { error: { code: 'unauthenticated', message: 'wrong e-mail address or password' } } });
    expect(wrong).toMatchObject({ status: 401, json: unknown.json });
    expect((await c.request('GET', '/api/auth/me')).status).toBe(401);
  });

  it('names the failing fields of a bad sign-in request', async () => {
    const c = new ApiClient(base);
    const res = await c.request('POST', '/api/auth/sign-in', { email: 'not-an-address', password: '' });
    expect(res.status).toBe(400);
    expect(res.json).toMatchObject({
      error: { code: 'badRequest', fields: [{ path: 'email' }, { path: 'password', message: 'required' }] },
    });
  });

  it('locks an account after repeated failures, even against the right password, and an admin can unlock it', async () => {
    const c = new ApiClient(base);
    const email = 'pekka.advisor@kanava.example';
    expect(await c.signIn(email, 'wrong-password-1')).toBe(401);
    expect(await c.signIn(email, 'wrong-password-2')).toBe(401);
    const third = await c.request('POST', '/api/auth/sign-in', { email, password: 'wrong-password-3' });
    expect(third.status).toBe(429);
    expect(Number(third.headers.get('retry-after'))).toBeGreaterThan(590);
    expect(await c.signIn(email, DEMO_PASSWORD)).toBe(429);

    const admin = new ApiClient(base);
    expect(await admin.signIn('admin@kanava.example', DEMO_PASSWORD)).toBe(200);
    const accounts = (await admin.request('GET', '/api/registry/accounts')).json as { id: string; email: string; lockedUntil: string | null }[];
    const pekka = accounts.find((a) => a.email === email);
    expect(pekka?.lockedUntil).not.toBeNull();
    expect((await admin.request('POST', `/api/registry/accounts/${pekka?.id}/unlock`)).status).toBe(200);
    expect(await c.signIn(email, DEMO_PASSWORD)).toBe(200);
    const log = (await admin.request('GET', `/api/registry/audit?entity=account&entityId=${pekka?.id}`)).json as { action: string }[];
    expect(log.map((e) => e.action)).toEqual(['account.unlocked', 'account.locked']);
  });

  it('signs out: the session ends on the server, not only in the browser', async () => {
    const c = new ApiClient(base);
    expect(await c.signIn('mikko.expert@kanava.example', DEMO_PASSWORD)).toBe(200);
    const cookie = await fetch(`${base}/api/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'mikko.expert@kanava.example', password: DEMO_PASSWORD }),
    }).then((r) => r.headers.getSetCookie()[0]?.split(';')[0] ?? '');
    expect((await c.request('POST', '/api/auth/sign-out')).status).toBe(204);
    expect(c.signedIn).toBe(false);
    expect((await c.request('GET', '/api/auth/me')).status).toBe(401);
    // Another session of the same person is not affected.
    expect((await fetch(`${base}/api/auth/me`, { headers: { cookie } })).status).toBe(200);
  });

  it('changes the own password: the old one stops working and the other sessions end', async () => {
    const a = new ApiClient(base);
    const b = new ApiClient(base);
    const email = 'ella.expert@kanava.example';
    expect(await a.signIn(email, DEMO_PASSWORD)).toBe(200);
    expect(await b.signIn(email, DEMO_PASSWORD)).toBe(200);
    const wrong = await a.request('POST', '/api/auth/password', { currentPassword: 'not-it', newPassword: 'uusi-salasana-123' });
    expect(wrong).toMatchObject({ status: 400, json: { error: { fields: [{ path: 'currentPassword' }] } } });
    const short = await a.request('POST', '/api/auth/password', { currentPassword: DEMO_PASSWORD, newPassword: 'short' });
    expect(short).toMatchObject({ status: 400, json: { error: { fields: [{ path: 'newPassword', message: 'at least 12 characters' }] } } });
    expect((await a.request('POST', '/api/auth/password', { currentPassword: DEMO_PASSWORD, newPassword: 'uusi-salasana-123' })).status).toBe(204);
    expect((await a.request('GET', '/api/auth/me')).status).toBe(200);
    expect((await b.request('GET', '/api/auth/me')).status).toBe(401);
    expect(await new ApiClient(base).signIn(email, DEMO_PASSWORD)).toBe(401);
    expect(await new ApiClient(base).signIn(email, 'uusi-salasana-123')).toBe(200);
  });

  it('refuses a state-changing request that an HTML form on another site could send', async () => {
    const res = await fetch(`${base}/api/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'email=admin%40kanava.example&password=x',
    });
    expect(res.status).toBe(400);
  });

  it('offers no organisation sign-in when none is configured', async () => {
    expect((await new ApiClient(base).request('GET', '/api/auth/options')).json).toEqual({ oidc: null });
    expect((await fetch(`${base}/api/auth/oidc/start`, { redirect: 'manual' })).status).toBe(404);
  });
});
